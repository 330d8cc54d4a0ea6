using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Evidence;

/// <summary>Nobody approves their own work: the uploader does not decide on the evidence, the proposer does not close.</summary>
public sealed class SelfApprovalTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private Recommendation _recommendation = null!;
    private UserAccount _office = null!;
    private UserAccount _colleague = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _recommendation = Build.Recommendation(review, _agency);
        _recommendation.Response = ResponseStatus.Accepted;
        _recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        _office = Build.User(Role.ProgrammeOffice);
        _colleague = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(_agency, review, _recommendation, _office, _colleague);
    }

    private async Task<EvidenceItem> UploadedByOfficeAsync()
    {
        await Client(_office.Email).AddEvidenceAsync(_recommendation.Id, ("report.pdf", SampleFiles.Pdf()));
        return await App.WithDbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync());
    }

    private Task<HttpResponseMessage> AcceptAsync(string email, EvidenceItem item) =>
        Client(email)
            .PostFormAsync(
                $"/evidence/{item.Id}",
                $"/evidence/{item.Id}/decision",
                new Dictionary<string, string>
                {
                    ["Decision"] = "Accepted",
                    ["Version"] = item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

    private Task<string> VersionAsync() =>
        App.WithDbAsync(async db =>
            (await db.Recommendations.Where(r => r.Id == _recommendation.Id).Select(r => r.Version).SingleAsync()).ToString(
                System.Globalization.CultureInfo.InvariantCulture
            )
        );

    private async Task<HttpResponseMessage> StepAsync(string email, string step) =>
        await Client(email)
            .PostFormAsync(
                $"/recommendations/{_recommendation.Id}/{step}",
                $"/recommendations/{_recommendation.Id}/{step}",
                new Dictionary<string, string>
                {
                    ["Validation"] = "not-yet",
                    ["ValidateBy.Day"] = "31",
                    ["ValidateBy.Month"] = "3",
                    ["ValidateBy.Year"] = "2027",
                    ["Version"] = await VersionAsync(),
                    ["Reason"] = "Delivered and evidenced",
                }
            );

    [Fact]
    public async Task The_person_who_uploaded_evidence_is_told_why_they_cannot_decide_and_is_refused_if_they_try()
    {
        await GivenAsync();
        var item = await UploadedByOfficeAsync();

        var page = WebUtility.HtmlDecode(await Client(_office.Email).GetStringAsync(new Uri($"/evidence/{item.Id}", UriKind.Relative)));
        var refused = await AcceptAsync(_office.Email, item);

        Assert.Contains(EvidenceItem.DecidingOwnUpload, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Record decision", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(
            EvidenceItem.DecidingOwnUpload,
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()),
            StringComparison.Ordinal
        );
        Assert.Equal(EvidenceStatus.AwaitingReview, await App.WithDbAsync(db => db.EvidenceItems.Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task Someone_else_in_the_programme_office_decides_on_it()
    {
        await GivenAsync();
        var item = await UploadedByOfficeAsync();

        var page = await Client(_colleague.Email).GetStringAsync(new Uri($"/evidence/{item.Id}", UriKind.Relative));
        var accepted = await AcceptAsync(_colleague.Email, item);

        Assert.Contains("Record decision", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task The_person_who_proposed_closure_is_told_why_they_cannot_close_and_is_refused_while_a_colleague_closes()
    {
        await GivenAsync();
        var item = await UploadedByOfficeAsync();
        await AcceptAsync(_colleague.Email, item);
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(_office.Email, "propose-closure")).StatusCode);

        var page = WebUtility.HtmlDecode(
            await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_recommendation.Id}", UriKind.Relative))
        );
        var refused = await StepAsync(_office.Email, "close");
        var closed = await StepAsync(_colleague.Email, "close");

        Assert.Contains(RecommendationWorkflow.ClosingOwnProposal, page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/recommendations/{_recommendation.Id}/close\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(_colleague.Id, await App.WithDbAsync(db => db.ClosureRecords.Select(c => c.DecidedByUserId).SingleAsync()));
    }
}
