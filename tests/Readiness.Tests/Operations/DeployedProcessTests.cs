using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

/// <summary>The built app started as its own process, outside Development, as a container would start it.</summary>
public sealed class DeployedProcessTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Outside_development_it_logs_json_with_trace_ids_trusts_its_proxy_and_keeps_cookies_secure()
    {
        var user = Build.User(Role.Viewer, email: $"deployed-{Guid.NewGuid():N}@test.example");
        user.AgencyId = null;
        await App.SaveAsync(user);
        var port = PostgresServer.FreePort();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = Start(port, output);
        var cookies = new CookieContainer();
        using var client = new HttpClient(
            new HttpClientHandler
            {
                CookieContainer = cookies,
                AllowAutoRedirect = false,
                UseCookies = false,
            }
        )
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };

        try
        {
            var started = Stopwatch.StartNew();
            await WaitUntilReadyAsync(client, process, output);
            TestContext.Current.TestOutputHelper?.WriteLine($"First page served {started.ElapsedMilliseconds} ms after start.");

            using var direct = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
            using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
            viaProxy.Headers.Add("X-Forwarded-Proto", "https");
            viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");
            viaProxy.Headers.Host = "readiness.example"; // HSTS is never sent to localhost
            using var proxied = await client.SendAsync(viaProxy);
            var token = System
                .Text.RegularExpressions.Regex.Match(
                    await direct.Content.ReadAsStringAsync(),
                    "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\""
                )
                .Groups[1]
                .Value;
            using var signIn = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
            {
                Content = new FormUrlEncodedContent(
                    new Dictionary<string, string> { ["email"] = user.Email, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }
                ),
            };
            signIn.Headers.Add("Cookie", string.Join("; ", direct.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            using var signedIn = await client.SendAsync(signIn);

            Assert.False(direct.Headers.Contains("Strict-Transport-Security"));
            Assert.StartsWith("max-age=", proxied.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            Assert.DoesNotContain(
                "secure",
                direct.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("readiness.antiforgery", StringComparison.Ordinal)),
                StringComparison.OrdinalIgnoreCase
            );
            Assert.Contains(
                "secure",
                proxied.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("readiness.antiforgery", StringComparison.Ordinal)),
                StringComparison.OrdinalIgnoreCase
            );
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var authCookie = signedIn
                .Headers.GetValues("Set-Cookie")
                .Single(c => c.StartsWith("readiness.auth=", StringComparison.Ordinal))
                .ToLowerInvariant();
            Assert.Contains("; secure", authCookie, StringComparison.Ordinal);
            Assert.Contains("; httponly", authCookie, StringComparison.Ordinal);
            Assert.Contains("; samesite=lax", authCookie, StringComparison.Ordinal);
        }
        finally
        {
            // SIGTERM, as a container runtime stops it, so the logger flushes what it has queued.
            using (var stop = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await stop.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            if (!process.WaitForExit(15_000))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var lines = output.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line)).ToList();
        var inRequest = entries
            .Where(e =>
                e.RootElement.TryGetProperty("Scopes", out var scopes)
                && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            )
            .ToList();
        Assert.NotEmpty(inRequest);
        var traceId = inRequest[0]
            .RootElement.GetProperty("Scopes")
            .EnumerateArray()
            .First(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            .GetProperty("TraceId")
            .GetString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
    }

    private Process Start(int port, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Readiness.Web.dll"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_CONTENTROOT"] = ReadinessApp.WebProjectDirectory();
        start.Environment["ConnectionStrings__Readiness"] = Fixture.Database.ConnectionString;
        start.Environment["Auth__Mode"] = "Dev";
        start.Environment["Auth__DevSignInTrial"] = "true";
        start.Environment["DataProtection__CertificatePath"] = Readiness.TestSupport.TestCertificates.DataProtectionPfx;
        start.Environment["Reminders__RunServer"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Information";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process process, IEnumerable<string> output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("The app did not become ready:\n" + string.Join("\n", output));
    }
}
