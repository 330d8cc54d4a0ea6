using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Readiness.Core.Auditing;
using Readiness.Core.Data;

namespace Readiness.Web.Infrastructure;

public static class WebSetup
{
    public static IServiceCollection AddReadinessWeb(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
        services.AddScoped<ActingFor>();
        services.AddScoped<SampleDataNotice>();
        services.AddScoped<Features.Recommendations.RegisterQuery>();
        services.AddScoped<Features.Home.HomeQueries>();
        services.AddScoped<Features.Recommendations.RecommendationGate>();
        services.AddScoped<Features.Recommendations.RecommendationPageQuery>();
        services.AddMemoryCache();
        services.AddResponseCompression(options =>
        {
            // Safe over HTTPS here: the only secret in a page, the anti-forgery token, is encrypted afresh for every
            // response, so BREACH has nothing stable to guess; the one page that shows a new calendar address opts out.
            options.EnableForHttps = true;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            options.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, "image/svg+xml"];
        });
        services
            .AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddRazorOptions(FeatureFolderViewLocations.Apply)
            .AddJsonOptions(options =>
                options.JsonSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter())
            );
        // The OpenAPI document describes types with these options, not MVC's: enums are strings in both.
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter())
        );
        services.AddProblemDetails();
        services.AddReadinessOpenApi();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "readiness.antiforgery";
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__RequestVerificationToken";
        });
        services.AddHealthChecks().AddDbContextCheck<ReadinessDbContext>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication UseReadinessPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSqlCommandCounting();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }

        app.UseExceptionHandler("/errors/500");
        app.UseDatabaseOutagePage();
        app.UseStatusCodePagesWithReExecute("/errors/{0}");
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = StaticFileCaching.Apply });
        app.UseRouting();
        app.UseBodySizeLimit();
        app.UseBadInputGuard();
        app.UseOneConnectionPerRequest();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(
                "/health/ready",
                new HealthCheckOptions
                {
                    Predicate = check => check.Tags.Contains("ready"),
                    ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
                }
            )
            .AllowAnonymous();
        app.MapControllers();
        // The description is for the callers it describes: it needs the same token as the API (decided in the README).
        app.MapOpenApi("/api/openapi/{documentName}.json").RequireAuthorization(Auth.Policies.Api).RequireRateLimiting(RequestLimits.Api);
        app.MapReadinessDashboard();
        return app;
    }
}
