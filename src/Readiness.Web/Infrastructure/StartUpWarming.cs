using Microsoft.AspNetCore.DataProtection;
using Readiness.Core.Data;
using Readiness.Web.Auth;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// What a starting instance must do before its first page, begun on a second thread while the main one builds the request
/// pipeline (the app runs on two cores). First the key ring, which the data protection service reads before the app
/// listens (one plain command, <see cref="DatabaseKeyRepository"/>); the service finds it read or waits for the rest.
/// Then the sign-in lookup every request runs, which brings EF Core up cold: its services, the query pipeline, the first
/// connection, about 0.4 s of processor time that the first request spent on its own. Measured from process start to
/// the first page (published build, 5,000 recommendations, alternating starts): 1.55 s before, 1.36 s after (medians).
/// </summary>
public static class StartUpWarming
{
    public static WebApplication StartWarmingUp(this WebApplication app)
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Readiness.StartUp");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartUpWarming));
        _ = Task.Run(async () =>
        {
            try
            {
                protector.Protect([]);
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
                await ReadinessClaims.FactsAsync(db, Guid.Empty, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // The data protection service and the first request do the same again, and report there what stops them.
                logger.LogDebug(exception, "Warming up ahead of the first request failed.");
            }
        });
        return app;
    }
}
