using Microsoft.EntityFrameworkCore;
using Readiness.Tests.Infrastructure;

namespace Readiness.Tests.Data;

public sealed class MigrationTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_migrations_match_the_model()
    {
        var pending = await App.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The model has changes that no migration captures: add one with the command in the README.");
    }

    [Fact]
    public async Task Every_edited_table_has_an_xmin_concurrency_token()
    {
        var missing = await App.WithDbAsync(db =>
            Task.FromResult(
                db.Model.GetEntityTypes()
                    .Where(t => typeof(Readiness.Core.Data.Entity).IsAssignableFrom(t.ClrType))
                    .Where(t => t.FindProperty("Version") is not { IsConcurrencyToken: true } p || p.GetColumnName() != "xmin")
                    .Select(t => t.ClrType.Name)
                    .ToList()
            )
        );

        Assert.Empty(missing);
    }
}
