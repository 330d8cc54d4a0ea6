using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Reports;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Recommendations;

/// <summary>
/// Need to know over every surface: an OFFICIAL-SENSITIVE recommendation carries a marker word in its title, text,
/// milestone and update; the word reaches exactly the readers entitled to it, and never a calendar or a mailbox.
/// </summary>
public sealed class NeedToKnowTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Marker = "Quorvexil";

    private readonly Agency _lead = Build.Agency();
    private readonly Agency _supporting = Build.Agency();
    private readonly Agency _other = Build.Agency();
    private Recommendation _sensitive = null!;
    private Recommendation _ordinary = null!;
    private readonly Dictionary<string, UserAccount> _readers = [];
    private Milestone _milestone = null!;

    public static TheoryData<string, bool> Readers =>
        new()
        {
            { "programme office", true },
            { "executive", true },
            { "lead agency's lead", true },
            { "lead agency's viewer", true },
            { "supporting agency's contributor", true },
            { "other agency's lead", false },
            { "other agency's viewer", false },
            { "viewer with no agency", false },
            { "other agency's viewer granted access", true },
            { "other agency's viewer whose grant has ended", false },
        };

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _sensitive = Build.Recommendation(review, _lead, _supporting);
        _sensitive.Title = $"Protect the {Marker} site";
        _sensitive.Text = $"The {Marker} arrangements need review.";
        _sensitive.Marking = ProtectiveMarking.OfficialSensitive;
        _sensitive.Response = ResponseStatus.Accepted;
        _sensitive.DeliveryStatus = DeliveryStatus.InProgress;
        _sensitive.Rag = Rag.Amber;
        _sensitive.RagReason = $"The {Marker} budget is late";
        _sensitive.AssuredRag = Rag.Red;
        _sensitive.AssuredRagReason = $"The {Marker} drill failed";
        _sensitive.Block(BlockerKind.NeedsFunding, $"The {Marker} budget is not agreed", new DateOnly(2026, 10, 1));
        _ordinary = Build.Recommendation(review, _other);
        _ordinary.Title = "An ordinary recommendation";

        _readers["programme office"] = Build.User(Role.ProgrammeOffice);
        _readers["executive"] = Build.User(Role.Executive);
        _readers["lead agency's lead"] = Build.User(Role.AgencyLead, _lead);
        _readers["lead agency's viewer"] = Build.User(Role.Viewer, _lead);
        _readers["supporting agency's contributor"] = Build.User(Role.AgencyContributor, _supporting);
        _readers["other agency's lead"] = Build.User(Role.AgencyLead, _other);
        _readers["other agency's viewer"] = Build.User(Role.Viewer, _other);
        _readers["viewer with no agency"] = Build.User(Role.Viewer);
        var granted = _readers["other agency's viewer granted access"] = Build.User(Role.Viewer, _other);
        granted.SensitiveAccessUntil = new DateOnly(2026, 12, 31);
        granted.SensitiveAccessReason = "Joint exercise planning";
        var ended = _readers["other agency's viewer whose grant has ended"] = Build.User(Role.Viewer, _other);
        ended.SensitiveAccessUntil = new DateOnly(2026, 11, 25);

        var milestone = _milestone = Build.Milestone(_sensitive, _lead, new DateOnly(2026, 11, 29));
        milestone.Title = $"Survey the {Marker} perimeter";
        milestone.OwnerUserId = _readers["lead agency's lead"].Id;
        var update = new ProgressUpdate
        {
            RecommendationId = _sensitive.Id,
            AuthorUserId = _readers["lead agency's lead"].Id,
            ReportingPeriod = new DateOnly(2026, 11, 1),
            Narrative = $"{Marker} survey under way",
            PostedAt = ReadinessApp.DefaultNow,
            DeliveryStatus = DeliveryStatus.InProgress,
            Rag = Rag.Amber,
        };
        var repeat = new RecommendationLink
        {
            RecommendationId = _ordinary.Id,
            OtherRecommendationId = _sensitive.Id,
            Kind = LinkKind.Repeats,
            CreatedAt = ReadinessApp.DefaultNow,
        };
        await App.SaveAsync([_lead, _supporting, _other, review, _sensitive, _ordinary, milestone, update, repeat, .. _readers.Values]);
    }

    /// <summary>Every surface a signed-in person can read the recommendation through, as text.</summary>
    private async Task<Dictionary<string, string>> ReadEverySurfaceAsync(UserAccount reader)
    {
        var client = Client(reader.Email);
        async Task<string> Text(string path) => await (await client.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync();
        async Task<string> Bytes(string path) =>
            (await client.GetAsync(new Uri(path, UriKind.Relative))) is { IsSuccessStatusCode: true } ok
                ? Encoding(await ok.Content.ReadAsByteArrayAsync(), path)
                : "";
        var id = _sensitive.Id;
        var run = await BackgroundReportAsync(reader);
        return new()
        {
            ["register"] = await Text("/recommendations"),
            // The search box and the page's links repeat what was typed; only the results count.
            ["search"] = (await Text($"/recommendations?q={Marker}"))
                .Replace($"value=\"{Marker}\"", "", StringComparison.Ordinal)
                .Replace($"q={Marker}", "", StringComparison.Ordinal),
            // An exact reference is found by anyone (the register lists every reference), with the wording only for those entitled.
            ["search by reference"] = await Text($"/recommendations?q={_sensitive.Reference}"),
            ["recommendation page"] = await Text($"/recommendations/{id}"),
            ["recommendation page, later updates and history"] = await Text($"/recommendations/{id}?updates=2&history=2"),
            ["home"] = await Text("/"),
            ["sign-out page"] = await Text("/sign-out"),
            ["csv"] = await Text("/recommendations/export.csv"),
            ["excel"] = await Bytes("/recommendations/export.xlsx"),
            ["api register"] = await Text("/api/recommendations"),
            ["api search"] = await Text($"/api/recommendations?q={Marker}"),
            ["api recommendation"] = await Text($"/api/recommendations/{id}"),
            ["api milestones"] = await Text($"/api/recommendations/{id}/milestones"),
            ["api progress"] = await Text($"/api/recommendations/{id}/progress"),
            ["board report"] = await Bytes("/reports/board.pdf?Scope=Programme&AsAt.Day=26&AsAt.Month=11&AsAt.Year=2026"),
            // A big report is produced in the background for the reader's position; its page and status hold no wording.
            ["background report page"] = await Text(Readiness.Core.Links.ReportRun(run)),
            ["background report status"] = await Text(Readiness.Core.Links.ReportRunStatus(run)),
            ["background report"] = await Bytes(Readiness.Core.Links.ReportRunPdf(run)),
            ["calendar"] = await CalendarAsync(reader),
            ["audit"] = await Text("/audit"),
            ["notifications"] = await Text("/notifications"),
            ["monthly updates"] = await Text("/updates/month"),
            ["milestone completion"] = await Text($"/milestones/{_milestone.Id}/complete"),
            ["page of a recommendation linked to it"] = await Text($"/recommendations/{_ordinary.Id}"),
            ["api of a recommendation linked to it"] = await Text($"/api/recommendations/{_ordinary.Id}"),
            ["assured RAG form"] = await Text($"/recommendations/{id}/assured-rag"),
            ["blocker form"] = await Text($"/recommendations/{id}/blocker"),
            ["dependency form"] = await Text($"/recommendations/{id}/dependencies/new"),
            ["link form of a recommendation linked to it"] = await Text($"/recommendations/{_ordinary.Id}/links/new"),
            ["validation form"] = await Text($"/recommendations/{id}/validation"),
            ["dashboard"] = await Text("/dashboard"),
            ["api changes"] = await ChangesAsync(client),
            // Webhook deliveries carry references, markings and links only: their log never shows wording.
            ["webhooks"] = await Text("/admin/webhooks"),
        };
    }

    /// <summary>
    /// The programme's board report as a background run for this reader (queued as a big report is, then produced by
    /// the job as Hangfire would run it), so the run's pages are read like every other surface.
    /// </summary>
    private async Task<Guid> BackgroundReportAsync(UserAccount user)
    {
        App.RouteHangfireLogsHere();
        await using var scope = App.Services.CreateAsyncScope();
        var today = new DateOnly(2026, 11, 26);
        var reader = NeedToKnow.ReaderFor(user, today);
        var run = await scope
            .ServiceProvider.GetRequiredService<ReportRuns>()
            .StartAsync(new ReportRequest(ReportScope.Programme, null, today, reader), reader, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ReportRunJob>().ExecuteAsync(run.Id, CancellationToken.None);
        return run.Id;
    }

    /// <summary>The whole change feed, read once the sensitive recommendation's changes are visible in it.</summary>
    private async Task<string> ChangesAsync(HttpClient client)
    {
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains(_sensitive.Id.ToString(), StringComparison.Ordinal); attempt++)
        {
            var pages = new System.Text.StringBuilder();
            var after = "";
            bool more;
            do
            {
                var page = System
                    .Text.Json.JsonDocument.Parse(
                        await client.GetStringAsync(new Uri($"/api/changes?pageSize=500&after={after}", UriKind.Relative))
                    )
                    .RootElement;
                pages.Append(page.GetRawText());
                after = page.GetProperty("next").GetString();
                more = page.GetProperty("more").GetBoolean();
            } while (more);
            text = pages.ToString();
            await Task.Delay(attempt == 0 ? 0 : 100);
        }

        return text;
    }

    /// <summary>The person's calendar feed (their agency's milestones, or their own), fetched as a calendar app would.</summary>
    private async Task<string> CalendarAsync(UserAccount reader)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var feeds = scope.ServiceProvider.GetRequiredService<Readiness.Core.Calendars.CalendarFeeds>();
        var token = await feeds.IssueAsync(
            reader.Id,
            reader.AgencyId is null ? Readiness.Core.Calendars.CalendarScope.Mine : Readiness.Core.Calendars.CalendarScope.Agency,
            CancellationToken.None
        );
        return await Client().GetStringAsync(new Uri(Readiness.Core.Links.Calendar(token), UriKind.Relative));
    }

    private static string Encoding(byte[] content, string path)
    {
        using var stream = new MemoryStream(content);
        if (path.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            return string.Join(
                " ",
                MiniExcelLibs
                    .MiniExcel.Query(stream)
                    .Cast<IDictionary<string, object?>>()
                    .SelectMany(r => r.Values)
                    .Select(v => v?.ToString())
            );
        }

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(stream);
        return string.Join(" ", pdf.GetPages().Select(p => p.Text));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task The_sensitive_wording_reaches_exactly_the_readers_with_need_to_know(string reader, bool entitled)
    {
        await GivenAsync();

        var surfaces = await ReadEverySurfaceAsync(_readers[reader]);

        var showing = surfaces.Where(s => s.Value.Contains(Marker, StringComparison.Ordinal)).Select(s => s.Key).ToHashSet();
        // Calendars sync to other services: a sensitive milestone appears by its reference only, whoever subscribes.
        Assert.DoesNotContain("calendar", showing);
        if (reader == "lead agency's lead")
        {
            Assert.Contains(_sensitive.Reference, surfaces["calendar"], StringComparison.Ordinal);
        }

        if (entitled)
        {
            string[] content =
            [
                "register",
                "search",
                "search by reference",
                "recommendation page",
                "csv",
                "excel",
                "api register",
                "api search",
                "api recommendation",
                "api milestones",
                "api progress",
                "page of a recommendation linked to it",
                "api of a recommendation linked to it",
                "api changes",
            ];
            Assert.Subset(showing, content.ToHashSet());
            if (reader is "lead agency's lead" or "supporting agency's contributor")
            {
                Assert.Subset(
                    showing,
                    new HashSet<string> { "monthly updates", "milestone completion", "blocker form", "dependency form" }
                );
            }

            if (reader == "programme office")
            {
                Assert.Subset(showing, new HashSet<string> { "assured RAG form", "blocker form", "dependency form" });
            }

            if (reader is "programme office" or "executive")
            {
                Assert.Subset(showing, new HashSet<string> { "board report", "background report" });
            }
        }
        else
        {
            Assert.Empty(showing);
            Assert.Contains(_sensitive.Reference, surfaces["register"], StringComparison.Ordinal);
            Assert.Contains(NeedToKnow.RestrictedText, surfaces["register"], StringComparison.Ordinal);
            Assert.Contains(NeedToKnow.RestrictedText, surfaces["recommendation page"], StringComparison.Ordinal);
            Assert.DoesNotContain(_sensitive.Reference, surfaces["search"], StringComparison.Ordinal);
            Assert.Contains(_sensitive.Reference, surfaces["search by reference"], StringComparison.Ordinal);
            Assert.Contains(NeedToKnow.RestrictedText, surfaces["search by reference"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_exports_and_the_report_showing_sensitive_wording_carry_the_official_sensitive_marking()
    {
        await GivenAsync();
        var surfaces = await ReadEverySurfaceAsync(_readers["lead agency's lead"]);
        var others = await ReadEverySurfaceAsync(_readers["other agency's lead"]);
        var office = await ReadEverySurfaceAsync(_readers["programme office"]);

        Assert.Contains("data-marking=\"top\">OFFICIAL-SENSITIVE<", surfaces["recommendation page"], StringComparison.Ordinal);
        Assert.Contains("data-marking=\"bottom\">OFFICIAL-SENSITIVE<", surfaces["register"], StringComparison.Ordinal);
        Assert.StartsWith("OFFICIAL-SENSITIVE\r\n", surfaces["csv"].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.StartsWith("OFFICIAL-SENSITIVE ", surfaces["excel"], StringComparison.Ordinal);
        Assert.Contains("\"marking\":\"OFFICIAL-SENSITIVE\"", surfaces["api register"], StringComparison.Ordinal);
        Assert.Contains("OFFICIAL-SENSITIVE", office["board report"], StringComparison.Ordinal);
        Assert.Contains("OFFICIAL-SENSITIVE", office["background report"], StringComparison.Ordinal);
        Assert.Contains("\"marking\":\"OFFICIAL-SENSITIVE\"", office["background report status"], StringComparison.Ordinal);

        Assert.Contains("data-marking=\"top\">OFFICIAL<", others["register"], StringComparison.Ordinal);
        Assert.StartsWith("OFFICIAL\r\n", others["csv"].TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_board_report_for_a_reader_without_need_to_know_withholds_the_sensitive_items_and_says_how_many()
    {
        await GivenAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<BoardReportService>();
        var asAt = new DateOnly(2026, 11, 26);

        var full = (await reports.GenerateAsync(new ReportRequest(ReportScope.Programme, null, asAt), CancellationToken.None))!;
        var withheld = (
            await reports.GenerateAsync(
                new ReportRequest(ReportScope.Programme, null, asAt, new Reader(Role.Viewer, _other.Id, false)),
                CancellationToken.None
            )
        )!;

        static List<(string Text, bool Top, bool Bottom)> Pages(byte[] pdf)
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
            return document
                .GetPages()
                .Select(p =>
                    (
                        p.Text,
                        p.GetWords()
                            .Any(w => w.BoundingBox.Bottom > p.Height - 40 && w.Text.StartsWith("OFFICIAL", StringComparison.Ordinal)),
                        p.GetWords().Any(w => w.BoundingBox.Bottom < 40 && w.Text.StartsWith("OFFICIAL", StringComparison.Ordinal))
                    )
                )
                .ToList();
        }

        Assert.Equal("OFFICIAL-SENSITIVE", full.Data.Marking);
        Assert.All(Pages(full.Pdf), p => Assert.True(p.Top && p.Bottom && p.Text.Contains("OFFICIAL-SENSITIVE", StringComparison.Ordinal)));
        Assert.Contains(Pages(full.Pdf), p => p.Text.Contains(Marker, StringComparison.Ordinal));

        Assert.Equal("OFFICIAL", withheld.Data.Marking);
        Assert.Equal(1, withheld.Data.Withheld);
        var pages = Pages(withheld.Pdf);
        Assert.All(
            pages,
            p =>
                Assert.DoesNotContain(
                    "OFFICIAL-SENSITIVE",
                    p.Text.Replace("1 OFFICIAL-SENSITIVE recommendation is withheld", "", StringComparison.Ordinal),
                    StringComparison.Ordinal
                )
        );
        Assert.All(pages, p => Assert.DoesNotContain(Marker, p.Text, StringComparison.Ordinal));
        Assert.Contains("1 OFFICIAL-SENSITIVE recommendation is withheld", pages[0].Text, StringComparison.Ordinal);
        Assert.Contains(_ordinary.Reference, string.Join(" ", pages.Select(p => p.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_emails_name_a_sensitive_item_by_reference_only_and_begin_with_the_marking()
    {
        await GivenAsync();
        Fixture.Smtp.ClearReceivedEmail();

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderJob>().ExecuteAsync(CancellationToken.None);
        }

        var sent = await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.State == NotificationState.Sent));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Fixture.Smtp.ReceivedEmailCount < sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var emails = Fixture.Smtp.ReceivedEmail.ToList();
        Assert.NotEmpty(emails);
        Assert.All(
            emails,
            email =>
            {
                Assert.StartsWith("OFFICIAL: ", email.Headers["Subject"], StringComparison.Ordinal);
                Assert.DoesNotContain(Marker, email.Headers["Subject"], StringComparison.Ordinal);
                Assert.All(email.MessageParts, part => Assert.DoesNotContain(Marker, part.BodyData, StringComparison.Ordinal));
            }
        );
        Assert.Contains(emails, e => e.MessageParts.Any(p => p.BodyData.Contains(_sensitive.Reference, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("deactivated")]
    [InlineData("moved to another agency")]
    public async Task A_reminder_for_someone_deactivated_or_moved_since_it_was_queued_is_cancelled_not_sent(string change)
    {
        await GivenAsync();
        var owner = _readers["lead agency's lead"];
        await using var scope = App.Services.CreateAsyncScope();
        var planner = scope.ServiceProvider.GetRequiredService<ReminderPlanner>();
        var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
        await outbox.EnqueueAsync(
            await planner.PlanAsync(new DateOnly(2026, 11, 26), ReadinessApp.DefaultNow, CancellationToken.None),
            CancellationToken.None
        );
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == owner.Id)));

        await App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == owner.Id);
            if (change == "deactivated")
            {
                user.IsActive = false;
            }
            else
            {
                user.AgencyId = _other.Id;
            }

            await db.SaveChangesAsync();
        });
        await outbox.SendDueAsync(CancellationToken.None);

        Assert.Equal(
            [NotificationState.Cancelled],
            await App.WithDbAsync(db => db.Notifications.Where(n => n.RecipientUserId == owner.Id).Select(n => n.State).ToListAsync())
        );
    }

    [Fact]
    public async Task A_search_for_a_word_only_in_sensitive_text_finds_nothing_for_a_reader_without_need_to_know()
    {
        await GivenAsync();

        var withoutNeed = await Client(_readers["other agency's lead"].Email)
            .GetAsync(new Uri("/api/recommendations?q=arrangements", UriKind.Relative));
        var withNeed = await Client(_readers["lead agency's lead"].Email)
            .GetAsync(new Uri("/api/recommendations?q=arrangements", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, withoutNeed.StatusCode);
        Assert.Contains("\"total\":0", await withoutNeed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"total\":1", await withNeed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_programme_office_grants_sensitive_access_with_a_reason_and_an_end_date_and_the_grant_is_audited()
    {
        await GivenAsync();
        var office = Client(_readers["programme office"].Email);
        var viewer = _readers["other agency's viewer"];
        var page = $"/admin/users/{viewer.Id}/edit";
        Dictionary<string, string> Form(string reason, string day, string month, string year) =>
            new()
            {
                ["DisplayName"] = viewer.DisplayName,
                ["Email"] = viewer.Email,
                ["Role"] = "Viewer",
                ["AgencyId"] = _other.Id.ToString(),
                ["IsActive"] = "true",
                ["Version"] = "0",
                ["SensitiveAccessReason"] = reason,
                ["SensitiveAccessUntil.Day"] = day,
                ["SensitiveAccessUntil.Month"] = month,
                ["SensitiveAccessUntil.Year"] = year,
            };
        var version = await App.WithDbAsync(db => db.Users.Where(u => u.Id == viewer.Id).Select(u => u.Version).SingleAsync());

        var noDate = await office.PostFormAsync(page, page, Form("Exercise planning", "", "", ""));
        var past = await office.PostFormAsync(page, page, Form("Exercise planning", "1", "1", "2026"));
        var before = await Client(viewer.Email).GetStringAsync(new Uri($"/recommendations/{_sensitive.Id}", UriKind.Relative));
        var granted = await office.PostFormAsync(
            page,
            page,
            Form("Exercise planning", "31", "12", "2026") is var f
                ? new(f) { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : f
        );
        var after = await Client(viewer.Email).GetStringAsync(new Uri($"/recommendations/{_sensitive.Id}", UriKind.Relative));

        Assert.Contains("Enter the end date of sensitive access", await noDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(
            "End date of sensitive access must be today or in the future",
            await past.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(Marker, before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains(Marker, after, StringComparison.Ordinal);
        var audit = await App.WithDbAsync(db => db.AuditEvents.Where(a => a.EntityId == viewer.Id && a.Action == "Modified").ToListAsync());
        Assert.Contains(
            audit,
            a =>
                a.NewValues!.RootElement.GetRawText() is var values
                && values.Contains("Exercise planning", StringComparison.Ordinal)
                && values.Contains("2026-12-31", StringComparison.Ordinal)
                && a.ActorUserId == _readers["programme office"].Id
        );
    }
}
