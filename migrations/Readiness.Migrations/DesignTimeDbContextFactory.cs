using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Readiness.Core.Data;

namespace Readiness.Migrations;

/// <summary>Lets `dotnet ef` build the model without starting the web app; no database is contacted to add a migration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReadinessDbContext>
{
    public ReadinessDbContext CreateDbContext(string[] args)
    {
        var connectionString =
            Environment.GetEnvironmentVariable("ConnectionStrings__Readiness")
            ?? "Host=127.0.0.1;Database=readiness_design;Username=readiness";
        var options = new DbContextOptionsBuilder<ReadinessDbContext>();
        options.UseReadinessNpgsql(connectionString);
        return new ReadinessDbContext(options.Options);
    }
}
