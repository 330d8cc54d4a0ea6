using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;
using Readiness.Core.Reviews;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Reports;

/// <summary>
/// Board reports above the threshold are produced by a background job (a real Hangfire server on the "reports" queue)
/// while the reader's page follows the progress; the same report of the same data is produced once.
/// </summary>
public sealed class ReportRunTests(AppFixture fixture) : IntegrationTest(fixture), IAsyncDisposable
{
    private readonly Agency _fire = Build.Agency("FIRE");
    private readonly Agency _police = Build.Agency("POLICE");
    private ReadinessApp? _app;
    private UserAccount _executive = null!;

    /// <summary>A second app on the same database whose threshold sends every report to the background.</summary>
    private ReadinessApp Background
    {
        get
        {
            if (_app is null)
            {
                _app = new ReadinessApp(
                    Fixture.Database.ConnectionString,
                    new Dictionary<string, string?> { ["Readiness:BackgroundReportThreshold"] = "1" }
                );
                // Hangfire logs through a static provider; another test's app may have left it pointing at a disposed one.
                _app.RouteHangfireLogsHere();
            }

            return _app;
        }
    }

    private async Task GivenAsync()
    {
        var review = Build.Review("REV");
        var open = Build.Recommendation(review, _fire);
        var sensitive = Build.Recommendation(review, _police);
        sensitive.Marking = ProtectiveMarking.OfficialSensitive;
        _executive = Build.User(Role.Executive);
        await App.SaveAsync(_fire, _police, review, open, sensitive, _executive);
    }

    private HttpClient ClientFor(string email)
    {
        var client = Background.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Dev-User", email);
        return client;
    }

    private static readonly string ProgrammeReport = "/reports/board.pdf?Scope=Programme&AsAt.Day=26&AsAt.Month=11&AsAt.Year=2026";

    private static async Task<string> AskAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri(ProgrammeReport, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, string runPage) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri(runPage + "/status", UriKind.Relative));

    private async Task WorkTheReportsQueueAsync(string runPage)
    {
        using var server = Background.WorkReportsQueue();
        var client = ClientFor(_executive.Email);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await StatusAsync(client, runPage)).GetProperty("state").GetString() is "queued" or "running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_big_report_is_produced_in_the_background_and_its_page_offers_the_download_when_ready()
    {
        await GivenAsync();
        var client = ClientFor(_executive.Email);

        var runPage = await AskAsync(client);
        var waiting = await client.GetStringAsync(new Uri(runPage, UriKind.Relative));
        var before = await StatusAsync(client, runPage);
        await WorkTheReportsQueueAsync(runPage);
        var after = await StatusAsync(client, runPage);
        var ready = await client.GetStringAsync(new Uri(runPage, UriKind.Relative));
        var pdf = await client.GetAsync(new Uri(after.GetProperty("download").GetString()!, UriKind.Relative));
        var bytes = await pdf.Content.ReadAsByteArrayAsync();

        Assert.Matches("^/reports/runs/[0-9a-f-]{36}$", runPage);
        Assert.Contains("Producing your board report", waiting, StringComparison.Ordinal);
        Assert.Contains(
            "<progress class=\"app-progress\" id=\"report-progress\" max=\"100\" value=\"0\">",
            waiting,
            StringComparison.Ordinal
        );
        Assert.Contains("Check again", waiting, StringComparison.Ordinal);
        Assert.Equal("queued", before.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("download").ValueKind);
        Assert.Equal(
            ("ready", 100, 2),
            (
                after.GetProperty("state").GetString(),
                after.GetProperty("percent").GetInt32(),
                after.GetProperty("recommendations").GetInt32()
            )
        );
        Assert.Equal("OFFICIAL-SENSITIVE", after.GetProperty("marking").GetString());
        Assert.Contains("Your board report is ready", ready, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("board-report-programme-2026-11-26.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ready_report_asked_for_again_is_offered_without_reading_its_pdf()
    {
        await GivenAsync();
        var runPage = await AskAsync(ClientFor(_executive.Email));
        await WorkTheReportsQueueAsync(runPage);

        await using var scope = Background.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<ReportRuns>();
        var today = new DateOnly(2026, 11, 26);
        var reader = NeedToKnow.ReaderFor(_executive, today);
        var again = await runs.StartAsync(new ReportRequest(ReportScope.Programme, null, today, reader), reader, CancellationToken.None);
        var found = await runs.FindAsync(again.Id, reader, CancellationToken.None);

        // The PDF (9 MB for the whole programme at 5,000) is streamed to the download; reading the run must not load it.
        Assert.Equal(runPage, Links.ReportRun(again.Id));
        Assert.Equal((ReportRunState.Ready, (byte[]?)null), (again.State, again.Pdf));
        Assert.Equal((ReportRunState.Ready, (byte[]?)null), (found!.State, found.Pdf));
        Assert.True(await App.WithDbAsync(db => db.ReportRuns.AnyAsync(r => r.Id == again.Id && r.Pdf != null)));
    }

    [Fact]
    public async Task The_same_report_of_the_same_data_is_produced_once_and_a_change_to_the_data_makes_a_new_one()
    {
        await GivenAsync();
        var client = ClientFor(_executive.Email);
        var another = Build.User(Role.Executive);
        await App.SaveAsync(another);

        var first = await AskAsync(client);
        var again = await AskAsync(ClientFor(another.Email));
        await App.WithDbAsync(async db =>
        {
            (await db.Recommendations.FirstAsync()).Title = "Changed after the first report";
            await db.SaveChangesAsync();
        });
        var afterChange = await AskAsync(client);

        Assert.Equal(first, again);
        Assert.NotEqual(first, afterChange);
        Assert.Equal(2, await App.WithDbAsync(db => db.ReportRuns.CountAsync()));
    }

    [Fact]
    public async Task Issuing_a_big_report_is_queued_and_the_worker_issues_it_off_the_request()
    {
        await GivenAsync();
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(office);
        var client = ClientFor(office.Email);
        Task<List<BoardReportSnapshot>> IssuedAsync() =>
            App.WithDbAsync(db => db.BoardReportSnapshots.AsNoTracking().Where(s => s.IssuedByUserId == office.Id).ToListAsync());

        var issue = await client.PostFormAsync(
            "/reports",
            "/reports/issue",
            new Dictionary<string, string>
            {
                ["Scope"] = "Programme",
                ["AsAt.Day"] = "26",
                ["AsAt.Month"] = "11",
                ["AsAt.Year"] = "2026",
            }
        );
        var before = await IssuedAsync();
        var page = await client.GetStringAsync(new Uri("/reports", UriKind.Relative));
        using (Background.WorkReportsQueue())
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await IssuedAsync()).Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        var after = Assert.Single(await IssuedAsync());
        Assert.Equal(HttpStatusCode.Redirect, issue.StatusCode);
        Assert.Empty(before);
        Assert.Contains("The report is being issued in the background.", page, StringComparison.Ordinal);
        Assert.Equal(("Programme", new DateOnly(2026, 11, 26)), (after.Scope, after.AsAt));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(after.Pdf, 0, 5), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(after.Pdf)), after.Sha256);
    }

    [Fact]
    public async Task A_run_is_only_for_readers_in_the_same_position_as_the_one_it_was_made_for()
    {
        await GivenAsync();
        var fireLead = Build.User(Role.Executive, _fire);
        await App.SaveAsync(fireLead);
        var runPage = await AskAsync(ClientFor(_executive.Email));
        await WorkTheReportsQueueAsync(runPage);

        var theirs = await AskAsync(ClientFor(fireLead.Email));
        var page = await ClientFor(fireLead.Email).GetAsync(new Uri(runPage, UriKind.Relative));
        var pdf = await ClientFor(fireLead.Email).GetAsync(new Uri(runPage + ".pdf", UriKind.Relative));

        Assert.NotEqual(runPage, theirs);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
    }

    [Fact]
    public async Task A_spare_report_process_keeps_a_connection_open_however_long_it_waits()
    {
        await GivenAsync();
        var name = "spare-" + Guid.NewGuid().ToString("N")[..12];
        // Npgsql here closes a connection idle for a second (not five minutes) and looks every second.
        var idleForASecond =
            $"{Fixture.Database.ConnectionString};Application Name={name};Connection Idle Lifetime=1;Connection Pruning Interval=1";
        using var process = ReportProcess(spare: true, connectionString: idleForASecond);
        process.TryPrepareSpare();

        var seen = new List<int>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        // Readying, it reads on two connections; readied, it holds one from then on; without keeping one it holds none a
        // few seconds after readying. Watched until it has held the same one or none for 5 s.
        while (DateTime.UtcNow < deadline && (seen.Count < 20 || seen.Max() == 0 || seen[^20..].Any(n => n != seen[^1] || n > 1)))
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            seen.Add(await App.WithDbAsync(db => BackendsNamedAsync(db, name)));
        }

        Assert.True(seen.Max() > 0, "the spare never connected");
        Assert.Equal(1, seen[^1]);
    }

    private static Task<int> BackendsNamedAsync(Readiness.Core.Data.ReadinessDbContext db, string name) =>
        db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE application_name = {name}").SingleAsync();

    [Fact]
    public async Task The_report_process_produces_a_run_in_a_process_of_its_own_and_gives_its_peak_memory_as_it_ends()
    {
        await GivenAsync();
        App.RouteHangfireLogsHere();
        var run = await QueueExecutivesProgrammeReportAsync();
        var logged = new Microsoft.Extensions.Logging.Testing.FakeLogger<Readiness.Web.Infrastructure.ReportProcess>();
        using var process = ReportProcess(logger: logged);

        var produced = await process.RunAsync(["run", "--id", run.Id.ToString()], CancellationToken.None);
        var stored = await App.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));

        Assert.True(produced);
        Assert.Equal((ReportRunState.Ready, 100, 2), (stored.State, stored.Percent, stored.Recommendations));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(stored.Pdf!, 0, 5), StringComparison.Ordinal);
        var peak = System.Text.RegularExpressions.Regex.Match(logged.LatestRecord.Message, @"Peak memory \(VmHWM\): (\d+) MB\.$");
        Assert.True(peak.Success, logged.LatestRecord.Message);
        Assert.InRange(int.Parse(peak.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 20, 2048);
    }

    [Fact]
    public async Task A_spare_report_process_readied_beforehand_produces_the_next_run_and_another_is_readied_after_it()
    {
        await GivenAsync();
        App.RouteHangfireLogsHere();
        var run = await QueueExecutivesProgrammeReportAsync();
        using var process = ReportProcess(spare: true);
        process.TryPrepareSpare();
        var spare = process.SpareProcessId!.Value;

        var produced = await process.RunAsync(["run", "--id", run.Id.ToString()], CancellationToken.None);
        var stored = await App.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        var next = process.SpareProcessId;
        process.Dispose();

        Assert.True(produced);
        Assert.Equal((ReportRunState.Ready, 2), (stored.State, stored.Recommendations));
        Assert.False(IsRunning(spare), "the spare was given the order and ended with it");
        Assert.NotNull(next);
        Assert.NotEqual(spare, next);
        await WaitUntilEndedAsync(next!.Value);
    }

    [Fact]
    public async Task An_order_that_comes_while_a_spare_report_process_readies_itself_stops_the_readying()
    {
        var readyingStopped = false;
        string[]? given = null;

        var code = await Readiness
            .Web.Infrastructure.SpareReportProcess.AwaitOrderAsync(
                async token =>
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, token);
                    }
                    catch (OperationCanceledException)
                    {
                        readyingStopped = true;
                    }
                },
                new StringReader("[\"run\",\"--id\",\"RUN\"]\n"),
                order =>
                {
                    given = order;
                    return Task.FromResult(0);
                },
                CancellationToken.None
            )
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.True(readyingStopped);
        Assert.Equal(["run", "--id", "RUN"], given!);
    }

    [Fact]
    public async Task A_spare_report_process_reads_one_order_and_ends_with_nothing_done_when_its_input_closes()
    {
        await GivenAsync();
        string[]? given = null;
        Task<int> AwaitAsync(string input)
        {
            given = null;
            return Readiness.Web.Infrastructure.SpareReportProcess.AwaitOrderAsync(
                App.Services,
                new StringReader(input),
                order =>
                {
                    given = order;
                    return Task.FromResult(0);
                },
                CancellationToken.None
            );
        }

        var ordered = await AwaitAsync("[\"run\",\"--id\",\"RUN\"]\nnot read\n");
        var ordersRun = given;
        var closed = await AwaitAsync("");
        var closedRun = given;
        var notAnOrder = await AwaitAsync("run --id RUN\n");
        var itself = await AwaitAsync("[\"await\"]\n");

        Assert.Equal(0, ordered);
        Assert.Equal(["run", "--id", "RUN"], ordersRun!);
        Assert.Equal(0, closed);
        Assert.Null(closedRun);
        Assert.Equal(2, notAnOrder);
        Assert.Equal(2, itself);
        Assert.Null(given);
    }

    [Fact]
    public async Task Readying_a_report_process_changes_nothing()
    {
        await GivenAsync();
        // A queued run: readying runs the job's own statements, for a run that does not exist, and must not touch this one.
        await AskAsync(ClientFor(_executive.Email));
        var before = await StoredAsync();
        using var scope = App.Services.CreateScope();

        await scope.ServiceProvider.GetRequiredService<ReportWarmUp>().WarmAsync(CancellationToken.None);
        var after = await StoredAsync();

        Assert.Contains("Queued 0 Waiting to start", before, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    private Task<string> StoredAsync() =>
        App.WithDbAsync(async db =>
            string.Join(
                "; ",
                await db
                    .ReportRuns.OrderBy(r => r.Id)
                    .Select(r => $"{r.Id} {r.State} {r.Percent} {r.Stage} {r.Pdf != null} {r.CompletedAt}")
                    .ToListAsync()
            ) + $"; {await db.BoardReportSnapshots.CountAsync()} issued; {await db.AuditEvents.CountAsync()} audited"
        );

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task WaitUntilEndedAsync(int processId)
    {
        for (var i = 0; i < 100 && IsRunning(processId); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(IsRunning(processId), "a spare is ended when the app stops");
    }

    [Fact]
    public async Task A_run_the_report_process_made_ready_stays_ready_when_the_process_ends_before_answering()
    {
        await GivenAsync();
        var run = await QueueExecutivesProgrammeReportAsync();
        using var scope = App.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<ReportRunJob>(
            scope.ServiceProvider,
            new ProducesThenEnds(ActivatorUtilities.CreateInstance<ReportRunJob>(scope.ServiceProvider))
        );

        await job.ExecuteAsync(run.Id, CancellationToken.None);
        var stored = await App.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));

        Assert.Equal((ReportRunState.Ready, "Ready"), (stored.State, stored.Stage));
    }

    /// <summary>A report process that stores the run and then ends without answering (killed in that moment, say).</summary>
    private sealed class ProducesThenEnds(ReportRunJob producer) : IReportProcess
    {
        public async Task<bool> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        {
            await producer.ProduceAsync(Guid.Parse(arguments[2]), cancellationToken);
            return false;
        }
    }

    [Fact]
    public async Task Issuing_in_the_report_process_freezes_what_the_reader_who_asked_may_read()
    {
        await GivenAsync();
        var fireLead = Build.User(Role.AgencyLead, _fire);
        await App.SaveAsync(fireLead);
        App.RouteHangfireLogsHere();
        using var scope = App.Services.CreateScope();
        using var process = ReportProcess();
        var job = new IssueReportJob(ActivatorUtilities.CreateInstance<ReportIssuer>(scope.ServiceProvider, process));

        await job.ExecuteAsync(
            ReportScope.Programme,
            null,
            "2026-11-26",
            Role.AgencyLead,
            _fire.Id,
            false,
            fireLead.Id,
            CancellationToken.None
        );
        var issued = await App.WithDbAsync(db => db.BoardReportSnapshots.AsNoTracking().SingleAsync(s => s.IssuedByUserId == fireLead.Id));
        var data = issued.Data.Deserialize<BoardReportData>()!;

        Assert.Equal(("Programme", new DateOnly(2026, 11, 26)), (issued.Scope, issued.AsAt));
        Assert.Equal((1, 1, "OFFICIAL"), (data.Total, data.Withheld, data.Marking));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(issued.Pdf)), issued.Sha256);
    }

    [Fact]
    public async Task The_report_process_says_what_it_needs_when_an_issue_order_is_not_one()
    {
        using var process = ReportProcess();

        Assert.False(await process.RunAsync(["issue", "--scope", "Programme", "--as-at", "26/11/2026"], CancellationToken.None));
        Assert.False(await process.RunAsync(["issue", "--scope", "Everything", "--as-at", "2026-11-26"], CancellationToken.None));
    }

    [Fact]
    public void An_issue_order_reads_back_as_written()
    {
        var agency = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        IssueOrder[] orders =
        [
            new(
                new ReportRequest(ReportScope.Agency, "FIRE", new DateOnly(2026, 11, 26), new Reader(Role.AgencyLead, agency, false)),
                user,
                null
            ),
            new(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 12, 1)), null, "Programme:2026-12"),
        ];

        Assert.Equal(orders, orders.Select(o => IssueOrder.Parse([.. o.Arguments()])));
        Assert.Null(IssueOrder.Parse(["issue", "--scope", "Programme", "--as-at", "2026-11-26", "--issued-by", "someone"]));
        Assert.Null(IssueOrder.Parse(["issue", "--scope", "Programme", "--as-at", "2026-11-26", "--reader", "Executive"]));
    }

    /// <summary>A queued run of the programme report, as an executive asks for it, straight through <see cref="ReportRuns"/>.</summary>
    private Task<ReportRun> QueueExecutivesProgrammeReportAsync() =>
        App.WithDbAsync(db =>
            ActivatorUtilities
                .CreateInstance<ReportRuns>(App.Services, db)
                .StartAsync(
                    new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)),
                    new Reader(Role.Executive, null, false),
                    CancellationToken.None
                )
        );

    private Readiness.Web.Infrastructure.ReportProcess ReportProcess(
        bool spare = false,
        Microsoft.Extensions.Logging.ILogger<Readiness.Web.Infrastructure.ReportProcess>? logger = null,
        string? connectionString = null
    ) =>
        new(
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["ConnectionStrings:Readiness"] = connectionString ?? Fixture.Database.ConnectionString,
                        ["Auth:Mode"] = "Dev",
                    }
                )
                .Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" },
            Microsoft.Extensions.Options.Options.Create(
                new Readiness.Web.Infrastructure.ReportProcessOptions { HeapMegabytes = 128, SpareProcess = spare }
            ),
            logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<Readiness.Web.Infrastructure.ReportProcess>.Instance
        );

    [Fact]
    public async Task A_small_report_is_still_rendered_on_the_request()
    {
        await GivenAsync();

        var response = await Client(_executive.Email).GetAsync(new Uri(ProgrammeReport, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join("\n", App.Logged.Errors));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await App.WithDbAsync(db => db.ReportRuns.CountAsync()));
    }

    public new async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            App.RouteHangfireLogsHere();
            await _app.DisposeAsync();
        }
    }
}
