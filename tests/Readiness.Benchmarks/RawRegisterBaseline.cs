using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Readiness.Benchmarks;

/// <summary>
/// The register's first page without the stack: the same count and page query the register runs (RAG and "overdue"
/// derived in SQL, joined to review, lead agency and owner, 25 rows in reference order), through raw Npgsql, written
/// as a minimal HTML table by a bare Kestrel endpoint. No MVC, Razor, EF Core, authentication or layout.
/// </summary>
public sealed class RawRegisterBaseline : IAsyncDisposable
{
    private const string CountSql = "SELECT count(*) FROM recommendations";

    private const string PageSql = """
        SELECT r.id, r.reference, v.code, r.title, a.name, r.delivery_status,
          CASE WHEN r.delivery_status = 'Complete' THEN 'Green'
               WHEN r.delivery_status = 'Superseded' THEN NULL
               WHEN EXISTS (SELECT 1 FROM milestones m WHERE m.recommendation_id = r.id AND m.completed_on IS NULL AND m.current_due_date < $1)
                 OR r.current_target_date < $1 THEN 'Red'
               ELSE r.rag END AS rag,
          r.original_target_date, r.current_target_date,
          r.delivery_status NOT IN ('Complete', 'Superseded')
            AND (EXISTS (SELECT 1 FROM milestones m WHERE m.recommendation_id = r.id AND m.completed_on IS NULL AND m.current_due_date < $1)
                 OR r.current_target_date < $1) AS overdue,
          u.display_name
        FROM recommendations r
        JOIN reviews v ON v.id = r.review_id
        JOIN agencies a ON a.id = r.lead_agency_id
        LEFT JOIN users u ON u.id = r.owner_user_id
        ORDER BY v.code, r.reference
        LIMIT 25
        """;

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
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/register", async context =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await using var connection = await dataSource.OpenConnectionAsync(context.RequestAborted);
            await using var count = new NpgsqlCommand(CountSql, connection);
            var total = (long)(await count.ExecuteScalarAsync(context.RequestAborted))!;
            await using var page = new NpgsqlCommand(PageSql, connection) { Parameters = { new() { Value = today } } };
            await using var reader = await page.ExecuteReaderAsync(context.RequestAborted);
            var html = new StringBuilder($"<!DOCTYPE html><html lang=\"en-GB\"><title>Register</title><p>{total} recommendations</p><table>");
            while (await reader.ReadAsync(context.RequestAborted))
            {
                html.Append("<tr>");
                for (var i = 1; i < reader.FieldCount; i++)
                {
                    html.Append("<td>").Append(WebUtility.HtmlEncode(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
        });
        await app.StartAsync();
        return new RawRegisterBaseline(app, dataSource, $"http://127.0.0.1:{port}/register");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await dataSource.DisposeAsync();
    }
}
