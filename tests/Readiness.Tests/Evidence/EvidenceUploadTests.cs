using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Evidence;

public sealed class EvidenceUploadTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _lead = Build.Agency();
    private readonly Agency _supporting = Build.Agency();
    private readonly Agency _unrelated = Build.Agency();
    private Recommendation _recommendation = null!;
    private UserAccount _owner = null!;
    private UserAccount _office = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _recommendation = Build.Recommendation(review, _lead, _supporting);
        _recommendation.Response = ResponseStatus.Accepted;
        _owner = Build.User(Role.AgencyLead, _lead);
        _office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(_lead, _supporting, _unrelated, review, _recommendation, _owner, _office);
    }

    private string NewPage => $"/recommendations/{_recommendation.Id}/evidence/new";

    private Task<HttpResponseMessage> UploadAsync(params (string Name, byte[] Content)[] files) =>
        Client(_owner.Email)
            .PostMultipartAsync(
                NewPage,
                NewPage,
                new Dictionary<string, string>
                {
                    ["Title"] = "Exercise report typed by the owner",
                    ["Description"] = "Shows the exercise happened",
                    ["EvidenceDate.Day"] = "3",
                    ["EvidenceDate.Month"] = "10",
                    ["EvidenceDate.Year"] = "2026",
                },
                files
            );

    private Task<(int Items, int Versions, int Contents)> CountsAsync() =>
        App.WithDbAsync(async db =>
            (await db.EvidenceItems.CountAsync(), await db.EvidenceFileVersions.CountAsync(), await db.EvidenceFileContents.CountAsync())
        );

    public static TheoryData<string, string, byte[], string> HostileUploads
    {
        get
        {
            var corpus = HostileFiles.Corpus;
            corpus.Add("zip bomb named .docx", "minutes.docx", SampleFiles.ZipBomb(), "expands to more than 200 MB");
            corpus.Add("path in the name", "../../../etc/cron.d/x.pdf", SampleFiles.Pdf(), "must not contain folders");
            return corpus;
        }
    }

    [Theory]
    [MemberData(nameof(HostileUploads))]
    public async Task A_hostile_or_broken_upload_is_refused_keeps_what_was_typed_and_writes_nothing(
        string what,
        string name,
        byte[] content,
        string message
    )
    {
        await GivenAsync();

        var response = await UploadAsync((name, content));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(html.Contains(message, StringComparison.Ordinal), what);
        Assert.Contains(EvidenceInspector.AllowedTypes, html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Files\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Exercise report typed by the owner\"", html, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Theory]
    [InlineData("too many fields")]
    [InlineData("a NUL character")]
    public async Task A_form_with_too_many_fields_or_a_nul_character_is_refused_at_once_and_nothing_is_stored(string fault)
    {
        await GivenAsync();
        var fields =
            fault == "too many fields"
                ? Enumerable.Range(0, 50).ToDictionary(i => $"Padding{i}", _ => "x")
                : new Dictionary<string, string> { ["Title"] = "Exercise\0report" };

        var response = await Client(_owner.Email)
            .PostMultipartAsync(
                $"/recommendations/{_recommendation.Id}/evidence/new",
                $"/recommendations/{_recommendation.Id}/evidence/new",
                fields,
                ("report.pdf", SampleFiles.Pdf())
            );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Theory]
    [MemberData(nameof(EvidenceInspectorTests.Good), MemberType = typeof(EvidenceInspectorTests))]
    public async Task Each_allowed_kind_of_file_is_stored_with_the_type_its_content_shows(string name, byte[] content, string contentType)
    {
        await GivenAsync();

        var response = await UploadAsync((name, content));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(
            new
            {
                FileName = name,
                ContentType = contentType,
                SizeBytes = (long)content.Length,
            },
            await App.WithDbAsync(db =>
                db.EvidenceFileVersions.Select(v => new
                    {
                        v.FileName,
                        v.ContentType,
                        v.SizeBytes,
                    })
                    .SingleAsync()
            )
        );
    }

    [Fact]
    public async Task A_file_name_is_kept_in_its_composed_form()
    {
        await GivenAsync();

        await UploadAsync(("cafe\u0301 notes.pdf", SampleFiles.Pdf()));

        Assert.Equal("caf\u00e9 notes.pdf", await App.WithDbAsync(db => db.EvidenceFileVersions.Select(v => v.FileName).SingleAsync()));
    }

    [Fact]
    public async Task An_oversized_file_is_refused_while_it_streams_and_nothing_is_written()
    {
        await GivenAsync();
        var limit = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EvidenceOptions>>().Value.MaxFileBytes;

        var response = await UploadAsync(("huge.pdf", [.. SampleFiles.Pdf(), .. new byte[limit]]));

        Assert.Contains("must be smaller than 25 MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task One_bad_file_among_good_ones_writes_none_of_them()
    {
        await GivenAsync();

        var response = await UploadAsync(("report.pdf", SampleFiles.Pdf()), ("virus.pdf", SampleFiles.WindowsProgram()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task An_upload_without_the_anti_forgery_token_is_refused()
    {
        await GivenAsync();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("Title"), "Title" },
            { new ByteArrayContent(SampleFiles.Pdf()), "Files", "report.pdf" },
        };

        var response = await Client(_owner.Email).PostAsync(new Uri(NewPage, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Good_files_are_stored_with_their_hash_and_size_and_download_exactly_with_safe_headers()
    {
        await GivenAsync();
        var pdf = SampleFiles.Pdf("board minutes");

        var response = await UploadAsync(("minutes.pdf", pdf), ("tracker.csv", SampleFiles.Csv()));
        var version = await App.WithDbAsync(db => db.EvidenceFileVersions.AsNoTracking().SingleAsync(v => v.FileName == "minutes.pdf"));
        var download = await Client(_owner.Email).GetAsync(new Uri($"/evidence/{version.EvidenceItemId}/versions/1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((2, 2, 2), await CountsAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), version.Sha256);
        Assert.Equal(pdf.Length, version.SizeBytes);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(
            "minutes.pdf",
            download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName?.Trim('"')
        );
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData(Role.AgencyLead, "unrelated", false)]
    [InlineData(Role.Viewer, "unrelated", false)]
    [InlineData(Role.AgencyContributor, "unrelated", false)]
    [InlineData(Role.Viewer, "supporting", true)]
    [InlineData(Role.Viewer, "lead", true)]
    [InlineData(Role.Executive, "unrelated", true)]
    [InlineData(Role.ProgrammeOffice, "unrelated", true)]
    public async Task Only_the_owning_agencies_the_programme_office_and_executives_get_evidence_content(
        Role role,
        string agency,
        bool allowed
    )
    {
        await GivenAsync();
        await UploadAsync(("minutes.pdf", SampleFiles.Pdf()));
        var item = await App.WithDbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync());
        var user = Build.User(
            role,
            agency switch
            {
                "lead" => _lead,
                "supporting" => _supporting,
                _ => _unrelated,
            }
        );
        await App.SaveAsync(user);
        var client = Client(user.Email);

        var download = await client.GetAsync(new Uri($"/evidence/{item.Id}/versions/1", UriKind.Relative));
        var page = await client.GetAsync(new Uri($"/evidence/{item.Id}", UriKind.Relative));
        var recommendation = await client.GetStringAsync(new Uri($"/recommendations/{_recommendation.Id}", UriKind.Relative));

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, page.StatusCode);
        if (!allowed)
        {
            Assert.DoesNotContain("%PDF", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("1 evidence item has been added", recommendation, StringComparison.Ordinal);
            Assert.DoesNotContain(item.Title, recommendation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_send_back_comment_as_long_as_the_form_allows_is_kept_whole()
    {
        await GivenAsync();
        await UploadAsync(("report.pdf", SampleFiles.Pdf("draft")));
        var item = await App.WithDbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync());
        var comment = string.Concat(Enumerable.Repeat("Add the attendance list. ", 80))[..2000];

        var sentBack = await Client(_office.Email)
            .PostFormAsync(
                $"/evidence/{item.Id}",
                $"/evidence/{item.Id}/decision",
                new Dictionary<string, string>
                {
                    ["Decision"] = "SentBack",
                    ["Reason"] = "Other",
                    ["Comment"] = comment,
                    ["Version"] = item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

        Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        Assert.Equal(comment.Trim(), await App.WithDbAsync(db => db.EvidenceItems.Select(e => e.LastSentBackComment).SingleAsync()));
    }

    [Fact]
    public async Task Sending_back_counts_and_says_why_a_new_version_goes_back_for_review_and_earlier_versions_stay()
    {
        await GivenAsync();
        var first = SampleFiles.Pdf("first draft");
        var second = SampleFiles.Pdf("second draft");
        await UploadAsync(("report.pdf", first));
        var item = await App.WithDbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync());
        var office = Client(_office.Email);

        var sentBack = await office.PostFormAsync(
            $"/evidence/{item.Id}",
            $"/evidence/{item.Id}/decision",
            new Dictionary<string, string>
            {
                ["Decision"] = "SentBack",
                ["Reason"] = "Incomplete",
                ["Comment"] = "Add the attendance list",
                ["Version"] = item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        var ownerView = await Client(_owner.Email).GetStringAsync(new Uri($"/evidence/{item.Id}", UriKind.Relative));
        var replaced = await Client(_owner.Email)
            .PostMultipartAsync(
                $"/evidence/{item.Id}/replace",
                $"/evidence/{item.Id}/replace",
                new Dictionary<string, string>(),
                ("report-v2.pdf", second)
            );
        var after = await App.WithDbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync());
        var v1 = await Client(_owner.Email).GetByteArrayAsync(new Uri($"/evidence/{item.Id}/versions/1", UriKind.Relative));
        var v2 = await Client(_owner.Email).GetByteArrayAsync(new Uri($"/evidence/{item.Id}/versions/2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        Assert.Contains("It is incomplete. Add the attendance list", WebUtility.HtmlDecode(ownerView), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal(EvidenceStatus.AwaitingReview, after.Status);
        Assert.Equal(1, after.SentBackCount);
        Assert.Equal(first, v1);
        Assert.Equal(second, v2);
    }

    [Fact]
    public async Task A_new_version_uploaded_from_a_page_opened_before_a_decision_is_refused_and_the_decision_stands()
    {
        await GivenAsync();
        await UploadAsync(("report.pdf", SampleFiles.Pdf("first draft")));
        var item = await App.WithDbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync());
        var replacePage = await Client(_owner.Email).GetStringAsync(new Uri($"/evidence/{item.Id}/replace", UriKind.Relative));
        var accepted = await Client(_office.Email)
            .PostFormAsync(
                $"/evidence/{item.Id}",
                $"/evidence/{item.Id}/decision",
                new Dictionary<string, string>
                {
                    ["Decision"] = "Accepted",
                    ["Version"] = item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

        var replaced = await Client(_owner.Email)
            .PostMultipartAsync(
                $"/evidence/{item.Id}/replace",
                $"/evidence/{item.Id}/replace",
                new Dictionary<string, string>
                {
                    ["Version"] = System
                        .Text.RegularExpressions.Regex.Match(replacePage, "name=\"Version\" value=\"([0-9]+)\"")
                        .Groups[1]
                        .Value,
                },
                ("report-v2.pdf", SampleFiles.Pdf("second draft"))
            );

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Contains(
            "Someone else changed this evidence while you were uploading",
            await replaced.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            (EvidenceStatus.Accepted, 1),
            await App.WithDbAsync(async db => ((await db.EvidenceItems.SingleAsync()).Status, await db.EvidenceFileVersions.CountAsync()))
        );
        Assert.Equal(1, await App.WithDbAsync(db => db.EvidenceFileContents.CountAsync()));
    }

    [Fact]
    public async Task Closing_needs_accepted_evidence_and_keeps_who_decided_and_the_state_at_that_moment()
    {
        await GivenAsync();
        await UploadAsync(("report.pdf", SampleFiles.Pdf()));
        var item = await App.WithDbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync());
        var office = Client(_office.Email);
        string Version() =>
            App.WithDbAsync(db => db.Recommendations.Where(r => r.Id == _recommendation.Id).Select(r => r.Version).SingleAsync())
                .Result.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var tooSoon = await office.GetAsync(new Uri($"/recommendations/{_recommendation.Id}/close", UriKind.Relative));
        await office.PostFormAsync(
            $"/evidence/{item.Id}",
            $"/evidence/{item.Id}/decision",
            new Dictionary<string, string>
            {
                ["Decision"] = "Accepted",
                ["Version"] = item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        var closed = await office.PostFormAsync(
            $"/recommendations/{_recommendation.Id}/close",
            $"/recommendations/{_recommendation.Id}/close",
            new Dictionary<string, string>
            {
                ["Validation"] = "not-yet",
                ["ValidateBy.Day"] = "31",
                ["ValidateBy.Month"] = "3",
                ["ValidateBy.Year"] = "2027",
                ["Version"] = Version(),
            }
        );

        Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode);
        Assert.Contains("accepted evidence", await tooSoon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var record = await App.WithDbAsync(db => db.ClosureRecords.AsNoTracking().SingleAsync());
        Assert.Equal(ClosureDecision.Closed, record.Decision);
        Assert.Equal(_office.Id, record.DecidedByUserId);
        Assert.Equal("NotStarted", record.StateAtDecision.RootElement.GetProperty("Status").GetString());
        Assert.Equal(1, record.StateAtDecision.RootElement.GetProperty("EvidenceAccepted").GetInt32());
        Assert.Equal(
            DeliveryStatus.Complete,
            (await App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == _recommendation.Id))).DeliveryStatus
        );
    }
}

public sealed class AssuranceQueueTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_programme_office_queue_lists_evidence_awaiting_review_oldest_first()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        var older = new EvidenceItem
        {
            RecommendationId = recommendation.Id,
            Title = "Older item",
            EvidenceDate = new DateOnly(2026, 9, 1),
            SubmittedAt = ReadinessApp.DefaultNow.AddDays(-3),
        };
        var newer = new EvidenceItem
        {
            RecommendationId = recommendation.Id,
            Title = "Newer item",
            EvidenceDate = new DateOnly(2026, 9, 1),
            SubmittedAt = ReadinessApp.DefaultNow.AddDays(-1),
        };
        var accepted = new EvidenceItem
        {
            RecommendationId = recommendation.Id,
            Title = "Accepted item",
            EvidenceDate = new DateOnly(2026, 9, 1),
            Status = EvidenceStatus.Accepted,
        };
        var office = Build.User(Role.ProgrammeOffice);
        var lead = Build.User(Role.AgencyLead, agency);
        await App.SaveAsync(agency, review, recommendation, older, newer, accepted, office, lead);

        var response = await Client(office.Email).GetAsync(new Uri("/evidence/review", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join("\n", App.Logged.Errors));
        Assert.True(html.IndexOf("Older item", StringComparison.Ordinal) < html.IndexOf("Newer item", StringComparison.Ordinal));
        Assert.DoesNotContain("Accepted item", html, StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await Client(lead.Email).GetAsync(new Uri("/evidence/review", UriKind.Relative))).StatusCode
        );
    }
}
