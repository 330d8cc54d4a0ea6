using System.Net;
using System.Text.Json;
using Npgsql;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Api;

/// <summary>
/// The change feed (/api/changes): each change once across pages, in the order changes became visible, never past a
/// change a slower transaction has yet to commit; field names only, and the recommendation as the caller may see it.
/// </summary>
public sealed class ChangeFeedTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private UserAccount _reader = null!;

    private async Task GivenAsync()
    {
        _reader = Build.User(Role.Executive);
        await App.SaveAsync(_agency, _reader);
    }

    private async Task<JsonElement> PageAsync(string after, int pageSize)
    {
        var response = await Client(_reader.Email)
            .GetAsync(new Uri($"/api/changes?after={Uri.EscapeDataString(after)}&pageSize={pageSize}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Every change after the cursor, page by page, and the cursor to ask from next time.</summary>
    private async Task<(List<JsonElement> Items, string Next)> ReadAllAsync(string after, int pageSize)
    {
        var items = new List<JsonElement>();
        while (true)
        {
            var page = await PageAsync(after, pageSize);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString()!;
            if (!page.GetProperty("more").GetBoolean())
            {
                return (items, after);
            }
        }
    }

    /// <summary>
    /// Reads on until the changes to these recommendations have all become visible: other tests' transactions, running
    /// at the same time, may hold them back briefly.
    /// </summary>
    private async Task<List<JsonElement>> ReadUntilAsync(string after, int pageSize, int expected, params Guid[] ids)
    {
        var mine = new List<JsonElement>();
        for (var attempt = 0; attempt < 50 && mine.Count < expected; attempt++)
        {
            var (items, next) = await ReadAllAsync(after, pageSize);
            mine.AddRange(items.Where(i => ids.Contains(i.GetProperty("recommendationId").GetGuid())));
            after = next;
            if (mine.Count < expected)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        return mine;
    }

    [Fact]
    public async Task Paging_through_gives_each_change_once_in_order_with_field_names_only_and_the_recommendation_now()
    {
        await GivenAsync();
        var (_, start) = await ReadAllAsync("", 500);
        var review = Build.Review();
        var first = Build.Recommendation(review, _agency);
        var second = Build.Recommendation(review, _agency);
        await App.SaveAsync(review, first, second);
        var milestone = Build.Milestone(first, _agency, new DateOnly(2027, 1, 31));
        await App.SaveAsync(milestone);
        await App.WithDbAsync(async db =>
        {
            var saved = await db.Recommendations.FindAsync(second.Id);
            saved!.RagReason = "Secret reasoning that must not travel";
            saved.Rag = Rag.Amber;
            return await db.SaveChangesAsync();
        });

        var changes = await ReadUntilAsync(start, 1, 4, first.Id, second.Id);

        var cursors = changes.Select(c => c.GetProperty("cursor").GetString()).ToList();
        Assert.Equal(cursors.Distinct().Count(), cursors.Count);
        Assert.Equal(
            [
                (first.Id, "Recommendation", "Added"),
                (second.Id, "Recommendation", "Added"),
                (first.Id, "Milestone", "Added"),
                (second.Id, "Recommendation", "Modified"),
            ],
            changes.Select(c =>
                (c.GetProperty("recommendationId").GetGuid(), c.GetProperty("entity").GetString(), c.GetProperty("action").GetString())
            )
        );
        var modified = changes[^1];
        Assert.Equal(["Rag", "RagReason"], modified.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain("Secret reasoning", modified.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Amber", modified.GetProperty("recommendation").GetProperty("rag").GetString());
    }

    [Fact]
    public async Task A_change_committed_late_by_a_slower_transaction_is_given_once_it_commits_and_never_skipped()
    {
        await GivenAsync();
        var review = Build.Review();
        var slow = Build.Recommendation(review, _agency);
        var fast = Build.Recommendation(review, _agency);
        await App.SaveAsync(review, slow, fast);
        var (_, start) = await ReadAllAsync("", 500);
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (
            var insert = new NpgsqlCommand(
                """
                INSERT INTO audit_events (occurred_at, actor_name, entity_type, entity_id, recommendation_id, action, new_values)
                VALUES (now(), 'slow', 'Recommendation', @id, @id, 'Modified', '{"Priority": "High"}')
                """,
                connection,
                transaction
            )
        )
        {
            insert.Parameters.AddWithValue("id", slow.Id);
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await App.WithDbAsync(async db =>
        {
            (await db.Recommendations.FindAsync(fast.Id))!.Priority = Priority.Low;
            return await db.SaveChangesAsync();
        });
        var (whileOpen, next) = await ReadAllAsync(start, 500);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        var afterCommit = await ReadUntilAsync(next, 500, 2, slow.Id, fast.Id);

        Assert.DoesNotContain(whileOpen, c => c.GetProperty("recommendationId").GetGuid() == fast.Id);
        Assert.Equal([slow.Id, fast.Id], afterCommit.Select(c => c.GetProperty("recommendationId").GetGuid()));
    }

    [Fact]
    public async Task A_cursor_the_feed_did_not_give_and_a_page_size_out_of_range_are_refused_with_messages()
    {
        await GivenAsync();
        var client = Client(_reader.Email);

        var badCursor = await client.GetAsync(new Uri("/api/changes?after=yesterday", UriKind.Relative));
        var badSize = await client.GetAsync(new Uri("/api/changes?pageSize=501", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Contains("pass a page's next value as it came", await badCursor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        Assert.Contains("between 1 and 500", await badSize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
