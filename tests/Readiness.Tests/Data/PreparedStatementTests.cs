using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readiness.Core.Data;
using Readiness.Tests.Infrastructure;

namespace Readiness.Tests.Data;

public sealed class PreparedStatementTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_page_query_the_app_runs_again_and_again_is_prepared_and_planned_once()
    {
        var plans = await App.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            for (var page = 0; page < 8; page++)
            {
                await db
                    .Recommendations.TagWith(Tag)
                    .AsNoTracking()
                    .OrderBy(r => r.Reference)
                    .Skip(page)
                    .Take(25)
                    .Select(r => r.Id)
                    .ToListAsync();
            }

            return await db
                .Database.SqlQuery<PlanCounts>(
                    $"""
                    SELECT generic_plans AS "Generic", custom_plans AS "Custom"
                    FROM pg_prepared_statements WHERE strpos(statement, {Tag}) > 0
                    """
                )
                .ToListAsync();
        });

        var statement = Assert.Single(plans);
        Assert.True(statement.Generic >= 1, "the statement was not prepared");
        Assert.Equal(0, statement.Custom);
    }

    [Theory]
    [InlineData("Host=db;Username=app", $"{Generic} {Cached}")]
    [InlineData("Host=db;Username=app;Options=-c search_path=readiness", $"-c search_path=readiness {Generic} {Cached}")]
    [InlineData("Host=db;Username=app;Options=-c plan_cache_mode=auto", $"-c plan_cache_mode=auto {Cached}")]
    [InlineData("Host=db;Username=app;Options=-c random_page_cost=4", $"-c random_page_cost=4 {Generic}")]
    public void A_connection_string_keeps_its_own_options_and_its_own_plan_mode(string given, string options)
    {
        var prepared = new NpgsqlConnectionStringBuilder(CoreServiceCollectionExtensions.WithPreparedStatements(given));

        Assert.Equal(options, prepared.Options);
        Assert.Equal(128, prepared.MaxAutoPrepare);
    }

    // Names the test's statement apart from those other tests had the pooled connection prepare.
    private const string Tag = "planned once (PreparedStatementTests)";
    private const string Generic = "-c plan_cache_mode=force_generic_plan";
    private const string Cached = "-c random_page_cost=1.1";

    private sealed record PlanCounts(long Generic, long Custom);
}
