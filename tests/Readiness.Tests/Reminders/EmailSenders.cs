using Readiness.Core.Reminders;

namespace Readiness.Tests.Reminders;

public static class EmailSenders
{
    /// <summary>A batch's results in order, for tests that check them all at the end.</summary>
    public static async Task<IReadOnlyList<string?>> SendAsync(
        this IEmailSender sender,
        IReadOnlyList<EmailMessage> messages,
        CancellationToken cancellationToken
    )
    {
        var results = new List<string?>(messages.Count);
        await sender.SendAsync(messages, (_, error) => results.Add(error), cancellationToken);
        return results;
    }
}
