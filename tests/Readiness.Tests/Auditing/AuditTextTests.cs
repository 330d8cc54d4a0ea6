using System.Text.Json;
using Readiness.Core.Auditing;
using Readiness.Web.Features.Shared;

namespace Readiness.Tests.Auditing;

public sealed class AuditTextTests
{
    [Fact]
    public void A_change_is_put_in_words_and_its_documents_are_given_back()
    {
        var change = new AuditEvent
        {
            ActorName = "Sam Lead",
            EntityType = "ProgressUpdate",
            Action = "Modified",
            OccurredAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
            OldValues = JsonDocument.Parse("""{"ResponseStatus":"Pending","RecommendationId":"x"}"""),
            NewValues = JsonDocument.Parse("""{"ResponseStatus":"Accepted","RecommendationId":"y"}"""),
        };

        var row = Assert.Single(AuditText.Rows([change]));

        Assert.Equal("Progress update changed", row.What);
        Assert.Equal(["Response status: Pending to Accepted"], row.Changes);
        Assert.Equal("Sam Lead", row.ActorName);
        // Disposed: the buffers the documents rented are back in the shared pool, not left to the collector.
        Assert.Throws<ObjectDisposedException>(() => change.OldValues.RootElement.ValueKind);
        Assert.Throws<ObjectDisposedException>(() => change.NewValues.RootElement.ValueKind);
    }

    [Theory]
    [InlineData("Recommendation", "Recommendation")]
    [InlineData("TargetDateChangeRequest", "Target date change request")]
    public void A_name_is_put_in_words(string name, string words) => Assert.Equal(words, AuditText.Words(name));
}
