using Readiness.Core.Data;
using Readiness.Web.Auth;
using Readiness.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddReadinessObservability();
builder.Services
    .AddCoreServices(builder.Configuration)
    .AddReadinessAuthentication(builder.Configuration, builder.Environment)
    .AddReadinessAuthorization()
    .AddReadinessWeb()
    .AddReadinessDataProtection(builder.Configuration, builder.Environment, serving: !OperationsCommands.IsCommand(args))
    .AddReadinessReverseProxy(builder.Configuration)
    .AddReadinessRequestLimits(builder.Configuration)
    .AddReadinessJobs(builder.Configuration);

var app = builder.Build();
if (OperationsCommands.IsCommand(args))
{
    return await OperationsCommands.RunAsync(app, args);
}

app.UseReadinessPipeline();
await app.RunAsync();
return 0;

public partial class Program;
