using System.ComponentModel.DataAnnotations;

namespace Readiness.Web.Auth;

public enum AuthMode
{
    Entra,
    Dev,
}

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Entra (Microsoft Entra ID, multi-tenant) or Dev (pick a demonstration user; refused in Production).</summary>
    [Required]
    public AuthMode Mode { get; set; } = AuthMode.Entra;
}
