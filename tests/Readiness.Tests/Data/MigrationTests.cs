using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Readiness.Core.Data;
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
    public async Task Stored_pdfs_are_kept_as_written_without_postgresqls_compression()
    {
        var storage = await App.WithDbAsync(db =>
            db.Database.SqlQueryRaw<string>(
                    "SELECT c.relname || '.' || a.attname || ' ' || a.attstorage::text AS \"Value\" FROM pg_attribute a "
                        + "JOIN pg_class c ON c.oid = a.attrelid "
                        + "WHERE a.attname = 'pdf' AND c.relname IN ('report_runs', 'board_report_snapshots') ORDER BY 1"
                )
                .ToListAsync()
        );

        Assert.Equal(["board_report_snapshots.pdf e", "report_runs.pdf e"], storage);
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

    [Fact]
    public void The_compiled_model_the_app_runs_on_matches_the_entity_configuration()
    {
        var builtOptions = new DbContextOptionsBuilder<ReadinessDbContext>();
        builtOptions.UseReadinessNpgsql(App.ConnectionString);
        var compiledOptions = new DbContextOptionsBuilder<ReadinessDbContext>();
        compiledOptions.UseReadinessNpgsql(App.ConnectionString).UseCompiledModel();
        using var built = new ReadinessDbContext(builtOptions.Options);
        using var compiled = new ReadinessDbContext(compiledOptions.Options);
        var builtModel = built.GetService<IDesignTimeModel>().Model;
        var compiledModel = compiled.Model;

        const string Regenerate =
            "The compiled model is out of date: run `dotnet ef dbcontext optimize` as the README says, and commit "
            + "src/Readiness.Core/Data/CompiledModel.";
        Assert.NotSame(builtModel, compiledModel);
        var expected = Describe(builtModel);
        var actual = Describe(compiledModel);
        Assert.True(
            expected.SequenceEqual(actual),
            $"{Regenerate} Differs: {string.Join("; ", expected.Except(actual).Concat(actual.Except(expected)).Take(10))}"
        );
    }

    /// <summary>What queries depend on beyond the tables: properties, conversions, navigations, keys and filters.</summary>
    private static List<string> Describe(IModel model) =>
        model
            .GetEntityTypes()
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(t =>
                new[] { $"{t.Name} table {t.GetTableName()} filter {t.GetDeclaredQueryFilters().Count}" }
                    .Concat(
                        t.GetProperties()
                            .Select(p =>
                                $"{t.Name}.{p.Name} {p.ClrType.Name} {p.GetColumnName()} {p.GetColumnType()} null {p.IsNullable} "
                                + $"converter {p.GetTypeMapping().Converter?.GetType().Name} concurrency {p.IsConcurrencyToken}"
                            )
                    )
                    .Concat(t.GetNavigations().Select(n => $"{t.Name}.{n.Name} -> {n.TargetEntityType.Name} many {n.IsCollection}"))
                    .Concat(t.GetSkipNavigations().Select(n => $"{t.Name}.{n.Name} ->> {n.TargetEntityType.Name}"))
                    .Concat(
                        t.GetIndexes()
                            .Select(i =>
                                $"{t.Name} index {i.GetDatabaseName()} {string.Join(",", i.Properties.Select(p => p.Name))} "
                                + $"unique {i.IsUnique} filter {i.GetFilter()}"
                            )
                    )
                    .Concat(t.GetKeys().Select(k => $"{t.Name} key {string.Join(",", k.Properties.Select(p => p.Name))}"))
                    .Concat(
                        t.GetForeignKeys()
                            .Select(f => $"{t.Name} fk {string.Join(",", f.Properties.Select(p => p.Name))} {f.DeleteBehavior}")
                    )
                    .OrderBy(line => line, StringComparer.Ordinal)
            )
            .ToList();
}
