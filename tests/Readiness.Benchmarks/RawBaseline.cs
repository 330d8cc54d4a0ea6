using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Readiness.Benchmarks;

/// <summary>
/// Pages without the stack: the very SQL a page sends, through raw Npgsql, written as a minimal HTML table by a bare
/// Kestrel endpoint. No MVC, Razor, EF Core, authentication's work beyond its query, or layout. Each page is every command
/// the app sent for it once warm (<see cref="PageCommands"/>): for the register's first page, the signed-in person's
/// lookup, the count and the page (its filter choices are cached).
/// </summary>
public sealed class RawBaseline : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly NpgsqlDataSource dataSource;

    private RawBaseline(WebApplication app, NpgsqlDataSource dataSource, string baseUrl)
    {
        this.app = app;
        this.dataSource = dataSource;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string RegisterUrl => BaseUrl + "/register";

    public string RecommendationUrl => BaseUrl + "/recommendation";

    public static async Task<RawBaseline> StartAsync(
        string connectionString,
        int port,
        IReadOnlyList<CapturedCommand> registerPage,
        IReadOnlyList<CapturedCommand> recommendationPage
    )
    {
        // The same connection settings as the app (statements prepared per connection), so the comparison is of the stack alone.
        var dataSource = NpgsqlDataSource.Create(
            Readiness.Core.Data.CoreServiceCollectionExtensions.WithPreparedStatements(connectionString)
        );
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        app.MapGet("/register", context => ServeAsync(context, dataSource, registerPage));
        app.MapGet("/recommendation", context => ServeAsync(context, dataSource, recommendationPage));
        await app.StartAsync();
        var baseline = new RawBaseline(app, dataSource, $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        foreach (var url in new[] { baseline.RegisterUrl, baseline.RecommendationUrl })
        {
            var check = await http.GetAsync(new Uri(url));
            if (!check.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"The baseline answered {(int)check.StatusCode} to its own first request for {url}: "
                        + $"{await check.Content.ReadAsStringAsync()}"
                );
            }
        }

        return baseline;
    }

    /// <summary>Runs the page's commands in order on one connection and writes every value they return into a table.</summary>
    private static async Task ServeAsync(HttpContext context, NpgsqlDataSource dataSource, IReadOnlyList<CapturedCommand> commands)
    {
        await using var connection = await dataSource.OpenConnectionAsync(context.RequestAborted);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><title>Page</title>");
        foreach (var captured in commands)
        {
            await using var command = captured.For(connection);
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            html.Append("<table>");
            while (await reader.ReadAsync(context.RequestAborted))
            {
                html.Append("<tr>");
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    html.Append("<td>")
                        .Append(
                            WebUtility.HtmlEncode(
                                reader.IsDBNull(i)
                                    ? ""
                                    : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)
                            )
                        )
                        .Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        html.Append("</html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await dataSource.DisposeAsync();
    }
}
