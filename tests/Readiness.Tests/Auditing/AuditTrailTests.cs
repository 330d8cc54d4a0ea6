using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Readiness.Core.Auditing;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Auditing;

public sealed class AuditTrailTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_events()
    {
        var agency = Build.Agency();
        await App.SaveAsync(agency);
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();

        await using var update = new NpgsqlCommand("UPDATE audit_events SET actor_name = 'someone else'", connection);
        await using var delete = new NpgsqlCommand("DELETE FROM audit_events", connection);

        Assert.Contains(
            "append-only",
            (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "append-only",
            (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText,
            StringComparison.Ordinal
        );
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.EntityId == agency.Id)));
    }

    [Fact]
    public async Task The_programme_office_finds_audit_events_by_person_and_a_recommendation_shows_its_history()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        var lead = Build.User(Role.AgencyLead, agency);
        var other = Build.User(Role.AgencyLead, agency);
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(agency, review, recommendation, lead, other, office);
        var version = await App.WithDbAsync(db =>
            db.Recommendations.Where(r => r.Id == recommendation.Id).Select(r => r.Version).SingleAsync()
        );
        await Client(lead.Email)
            .PostFormAsync(
                $"/recommendations/{recommendation.Id}",
                $"/recommendations/{recommendation.Id}/response",
                new Dictionary<string, string>
                {
                    ["Response"] = nameof(ResponseStatus.Accepted),
                    ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

        var byLead = await Client(office.Email).GetStringAsync(new Uri($"/audit?person={lead.Id}", UriKind.Relative));
        var byOther = await Client(office.Email).GetStringAsync(new Uri($"/audit?person={other.Id}", UriKind.Relative));
        var history = await Client(lead.Email).GetStringAsync(new Uri($"/recommendations/{recommendation.Id}", UriKind.Relative));

        Assert.Contains("Response: Pending to Accepted", byLead, StringComparison.Ordinal);
        Assert.Contains("1 changes", byLead, StringComparison.Ordinal);
        Assert.Contains("0 changes", byOther, StringComparison.Ordinal);
        Assert.Contains("Response: Pending to Accepted", history, StringComparison.Ordinal);
        Assert.Equal(
            System.Net.HttpStatusCode.Forbidden,
            (await Client(lead.Email).GetAsync(new Uri("/audit", UriKind.Relative))).StatusCode
        );
    }

    [Fact]
    public async Task A_context_taken_again_from_the_pool_audits_its_new_scope_and_holds_no_connection_of_the_one_before()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddCoreServices(
                new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Readiness"] = App.ConnectionString })
                    .Build()
            )
            .BuildServiceProvider();
        var first = Build.Agency();
        var second = Build.Agency();
        ReadinessDbContext used;
        await using (var scope = services.CreateAsyncScope())
        {
            var actors = (SystemAuditActorAccessor)scope.ServiceProvider.GetRequiredService<IAuditActorAccessor>();
            actors.Current = new AuditActor(Guid.NewGuid(), "someone@readiness.example", null);
            used = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
            await used.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            used.Agencies.Add(first);
            await used.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
            Assert.Same(used, db);
            Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
            db.Agencies.Add(second);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var names = await App.WithDbAsync(db =>
            db.AuditEvents.Where(a => a.EntityId == first.Id || a.EntityId == second.Id)
                .ToDictionaryAsync(a => a.EntityId, a => a.ActorName)
        );
        Assert.Equal("someone@readiness.example", names[first.Id]);
        Assert.Equal("system:app", names[second.Id]);
    }
}
