using Readiness.Core.Data;
using Readiness.Web.Auth;
using Readiness.Web.Infrastructure;

if (args is ["report", ..])
{
    return await OperationsCommands.RunWithoutWebAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
var serving = !OperationsCommands.IsCommand(args);
OperationsCommands.ConfigureLogging(builder.Logging, args);
builder.AddReadinessObservability();
builder
    .Services.AddCoreServices(builder.Configuration)
    .AddReadinessAuthentication(builder.Configuration, builder.Environment, serving)
    .AddReadinessAuthorization()
    .AddReadinessWeb()
    .AddReadinessDataProtection(builder.Configuration, builder.Environment, serving)
    .AddReadinessSettings(builder.Configuration)
    .AddReadinessReverseProxy()
    .AddReadinessRequestLimits(builder.Configuration)
    .AddReadinessJobs(builder.Configuration);

var app = builder.Build();
if (!serving)
{
    return await OperationsCommands.RunAsync(app, args);
}

app.StartWarmingUp().UseReadinessPipeline();
await app.RunAsync();
return 0;

public partial class Program;
