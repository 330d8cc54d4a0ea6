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

    /// <summary>
    /// Entra (Microsoft Entra ID, multi-tenant) or Dev (sign in as a demonstration user): Dev is allowed in the
    /// Development environment, elsewhere only with <see cref="DevSignInTrial"/>, and never in Production.
    /// </summary>
    [Required]
    public AuthMode Mode { get; set; } = AuthMode.Entra;

    /// <summary>Allows Dev mode outside Development (a trial on sample data); it still signs in only demonstration users.</summary>
    public bool DevSignInTrial { get; set; }
}
