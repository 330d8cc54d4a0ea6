using System.ComponentModel.DataAnnotations;

namespace Readiness.Core.Webhooks;

/// <summary>The webhook settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>When the webhook job queues and sends (Hangfire cron, every minute by default).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Webhooks:Cron must be a cron expression such as \"* * * * *\".")]
    public string Cron { get; set; } = "* * * * *";

    /// <summary>Allows http:// addresses on this machine (127.0.0.1, localhost), for development and tests; never in production.</summary>
    public bool AllowLoopbackHttp { get; set; }
}

/// <summary>The kinds of change, in the words the pages use, and the event type each delivery names.</summary>
public static class WebhookEventNames
{
    public static readonly IReadOnlyList<(WebhookEvents Kind, string Text, string Type)> All =
    [
        (WebhookEvents.RecommendationChanged, "A recommendation's status or RAG changed", "recommendation.changed"),
        (WebhookEvents.MilestoneOverdue, "A milestone became overdue", "milestone.overdue"),
        (WebhookEvents.EvidenceDecided, "Evidence was accepted or sent back", "evidence.decided"),
        (WebhookEvents.ReportIssued, "A board report was issued", "report.issued"),
    ];

    public static string Type(WebhookEvents kind) => All.Single(e => e.Kind == kind).Type;
}

/// <summary>Which addresses a webhook may have: absolute https, without a user name or password in it.</summary>
public static class WebhookAddress
{
    public static string? Problem(string url, bool allowLoopbackHttp)
    {
        if (
            !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || string.IsNullOrEmpty(uri.Host)
        )
        {
            return "Enter a full web address, such as https://tracker.example.gov.uk/readiness-events";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "The address must not contain a user name or password: the secret signs each notification instead";
        }

        return uri.Scheme == "https" || (allowLoopbackHttp && uri.IsLoopback)
            ? null
            : "The address must start https://, so notifications are encrypted on the way";
    }
}
