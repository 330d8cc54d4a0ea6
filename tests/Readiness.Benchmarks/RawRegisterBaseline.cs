using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Readiness.Benchmarks;

/// <summary>
/// The register's first page without the stack: the very SQL the register page sends (the count, and EF Core's page
/// query taken with ToQueryString), through raw Npgsql, written as a minimal HTML table by a bare Kestrel endpoint.
/// No MVC, Razor, EF Core, authentication, filter choices or layout.
/// </summary>
public sealed class RawRegisterBaseline : IAsyncDisposable
{
    private const string CountSql = "SELECT count(*) FROM recommendations";

    private readonly WebApplication app;
    private readonly NpgsqlDataSource dataSource;

    private RawRegisterBaseline(WebApplication app, NpgsqlDataSource dataSource, string url)
    {
        this.app = app;
        this.dataSource = dataSource;
        Url = url;
    }

    public string Url { get; }

    public static async Task<RawRegisterBaseline> StartAsync(string connectionString, int port)
    {
        var (pageSql, parameters) = RegisterPageSql(connectionString);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        app.MapGet(
            "/register",
            async context =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(context.RequestAborted);
                await using var count = new NpgsqlCommand(CountSql, connection);
                var total = (long)(await count.ExecuteScalarAsync(context.RequestAborted))!;
                await using var page = new NpgsqlCommand(pageSql, connection);
                foreach (var (name, value) in parameters)
                {
                    page.Parameters.AddWithValue(name, value);
                }

                await using var reader = await page.ExecuteReaderAsync(context.RequestAborted);
                var html = new StringBuilder(
                    $"<!DOCTYPE html><html lang=\"en-GB\"><title>Register</title><p>{total} recommendations</p><table>"
                );
                while (await reader.ReadAsync(context.RequestAborted))
                {
                    html.Append("<tr>");
                    for (var i = 1; i < reader.FieldCount; i++)
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

                html.Append("</table></html>");
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
            }
        );
        await app.StartAsync();
        var baseline = new RawRegisterBaseline(app, dataSource, $"http://127.0.0.1:{port}/register");
        using var http = new HttpClient();
        var check = await http.GetAsync(new Uri(baseline.Url));
        return check.IsSuccessStatusCode
            ? baseline
            : throw new InvalidOperationException(
                $"The baseline answered {(int)check.StatusCode} to its own first request: "
                    + $"{await check.Content.ReadAsStringAsync()}\n{pageSql}"
            );
    }

    /// <summary>
    /// EF Core's SQL for the register's first page, and its parameters, read from ToQueryString's "-- @name='value'" lines.
    /// </summary>
    private static (string Sql, List<(string Name, object Value)> Parameters) RegisterPageSql(string connectionString)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Readiness.Core.Data.ReadinessDbContext>();
        Readiness.Core.Data.CoreServiceCollectionExtensions.UseReadinessNpgsql(options, connectionString);
        using var db = new Readiness.Core.Data.ReadinessDbContext(options.Options);
        var text = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToQueryString(
            new Readiness.Web.Features.Recommendations.RegisterQuery(
                db,
                new Readiness.Core.Recommendations.StoredStates(db, new())
            ).PageQuery(
                new Readiness.Web.Features.Recommendations.RegisterFilter(),
                DateOnly.FromDateTime(DateTime.UtcNow),
                new Readiness.Core.Recommendations.Reader(Readiness.Core.Users.Role.ProgrammeOffice, null, false)
            )
        );
        var parameters = new List<(string, object)>();
        var sql = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, "^-- @(\\w+)='([^']*)'(?: \\(DbType = (\\w+)\\))?");
            if (!match.Success)
            {
                sql.AppendLine(line);
                continue;
            }

            var value = match.Groups[2].Value;
            parameters.Add(
                (
                    match.Groups[1].Value,
                    int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number
                    : DateOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var date) ? date
                    : value
                )
            );
        }

        return (sql.ToString(), parameters);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await dataSource.DisposeAsync();
    }
}
