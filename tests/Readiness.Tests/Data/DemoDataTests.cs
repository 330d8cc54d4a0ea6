using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;

namespace Readiness.Tests.Data;

public sealed class DemoDataTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private Task<bool> SeedAsync() =>
        App.WithDbAsync(db => ActivatorUtilities.CreateInstance<DemoDataSeeder>(App.Services, db).SeedAsync(CancellationToken.None));

    [Fact]
    public async Task Demonstration_data_is_seeded_once_as_sample_data_with_overdue_work_and_every_role()
    {
        Assert.True(await SeedAsync());
        Assert.False(await SeedAsync());

        var today = App.Clock.Today();
        await App.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.Reviews.CountAsync(r => r.IsSampleData));
            Assert.Equal(0, await db.Reviews.CountAsync(r => !r.IsSampleData));
            Assert.InRange(await db.Agencies.CountAsync(), 12, 14);
            Assert.InRange(await db.Recommendations.CountAsync(), 140, 160);
            Assert.True(await db.Milestones.CountAsync(m => m.CompletedOn == null && m.CurrentDueDate < today) > 5);
            Assert.True(await db.ProgressUpdates.AnyAsync());
            var roles = await db.Users.Select(u => u.Role).Distinct().ToListAsync();
            Assert.Equal(Enum.GetValues<Role>().Order(), roles.Order());
            Assert.True(await db.Users.Where(u => u.Role == Role.AgencyLead).Select(u => u.AgencyId).Distinct().CountAsync() >= 3);
        });
    }

    [Fact]
    public async Task Every_page_says_when_it_shows_sample_data()
    {
        await SeedAsync();
        await using var freshApp = new Readiness.TestSupport.ReadinessApp(Fixture.Database.ConnectionString);
        var client = freshApp.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", $"lead.lfb@{DemoDataSeeder.EmailDomain}");

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("data-sample-notice", html, StringComparison.Ordinal);
        Assert.Contains("demonstration data", html, StringComparison.Ordinal);
    }
}
