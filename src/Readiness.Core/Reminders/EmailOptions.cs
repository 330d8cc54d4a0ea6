using System.ComponentModel.DataAnnotations;

namespace Readiness.Core.Reminders;

public enum EmailProvider
{
    Smtp,
    Notify,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailProvider Provider { get; set; } = EmailProvider.Smtp;

    [Required(AllowEmptyStrings = false, ErrorMessage = "Email:From must be an email address.")]
    [EmailAddress(ErrorMessage = "Email:From must be an email address.")]
    public string From { get; set; } = "readiness@localhost.localdomain";

    public string FromName { get; set; } = "Readiness";

    public SmtpOptions Smtp { get; set; } = new();

    public NotifyOptions Notify { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535, ErrorMessage = "Email:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 25;

    /// <summary>None, StartTls or Tls.</summary>
    public string Security { get; set; } = "None";

    public string? Username { get; set; }

    public string? Password { get; set; }
}

public sealed class NotifyOptions
{
    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk";

    /// <summary>The API key, from a secret store; never in the repository.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A Notify template with ((subject)) and ((body)) placeholders.</summary>
    public string? TemplateId { get; set; }
}
