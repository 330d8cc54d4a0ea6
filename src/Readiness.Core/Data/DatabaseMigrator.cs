using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Readiness.Core.Data;

public sealed class DatabaseMigrator(ReadinessDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("The database is up to date; no migrations to apply.");
        }
        else
        {
            logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Migrations applied.");
        }

        await Reminders.HangfireSchema.InstallAsync(db.Database.GetConnectionString()!);
        logger.LogInformation("Hangfire schema {Schema} is up to date.", Reminders.HangfireSchema.Name);
    }
}
