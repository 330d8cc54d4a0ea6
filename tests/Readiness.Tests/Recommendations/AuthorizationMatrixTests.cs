using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Recommendations;

/// <summary>Every state-changing action, for every role, on the person's own agency's recommendation and on another agency's.</summary>
public sealed class AuthorizationMatrixTests(AppFixture fixture) : IntegrationTest(fixture)
{
    public enum Whose
    {
        Own,
        Other,
    }

    private sealed record Scenario(
        Agency Lead,
        Agency Other,
        Recommendation Recommendation,
        Guid MilestoneId,
        Guid RequestId,
        EvidenceItem Evidence
    );

    private static readonly string[] AgencyActions =
    [
        "response",
        "add-milestone",
        "edit-milestone",
        "update",
        "target-date",
        "propose-closure",
        "add-evidence",
        "replace-evidence",
    ];
    private static readonly string[] ProgrammeOfficeActions =
    [
        "close",
        "reopen",
        "supersede",
        "decide-target-date",
        "edit-recommendation",
        "decide-evidence",
    ];

    public static TheoryData<string, Role, Whose> Cases()
    {
        var data = new TheoryData<string, Role, Whose>();
        foreach (var action in AgencyActions.Concat(ProgrammeOfficeActions))
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(action, role, Whose.Own);
                data.Add(action, role, Whose.Other);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_action_is_allowed_only_for_the_right_role_and_agency(string action, Role role, Whose whose)
    {
        var scenario = await GivenAsync(action);
        var user = Build.User(role, whose == Whose.Own ? scenario.Lead : scenario.Other);
        await App.SaveAsync(user);
        var expectedAllowed = ProgrammeOfficeActions.Contains(action)
            ? role == Role.ProgrammeOffice
            : role == Role.ProgrammeOffice || (role is Role.AgencyLead or Role.AgencyContributor && whose == Whose.Own);

        var response = await ActAsync(action, scenario, user.Email);

        if (expectedAllowed)
        {
            Assert.True(
                response.StatusCode == HttpStatusCode.Redirect,
                $"{role} ({whose}) doing {action} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
            );
            Assert.True(
                await App.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.ActorUserId == user.Id)),
                "An allowed change wrote no audit event."
            );
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(
                await App.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.ActorUserId == user.Id)),
                "A refused change was saved."
            );
        }
    }

    private async Task<Scenario> GivenAsync(string action)
    {
        var lead = Build.Agency();
        var other = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, lead);
        recommendation.Response = ResponseStatus.Accepted;
        recommendation.OriginalTargetDate = recommendation.CurrentTargetDate = new DateOnly(2027, 6, 30);
        var milestone = Build.Milestone(
            recommendation,
            lead,
            new DateOnly(2027, 1, 31),
            completed: action == "propose-closure" ? new DateOnly(2026, 11, 1) : null
        );
        var evidence = new EvidenceItem
        {
            RecommendationId = recommendation.Id,
            Title = "Exercise report",
            EvidenceDate = new DateOnly(2026, 10, 1),
            Status = EvidenceStatus.AwaitingReview,
        };
        var file = new EvidenceFileVersion
        {
            EvidenceItemId = evidence.Id,
            VersionNumber = 1,
            FileName = "report.pdf",
            ContentType = "application/pdf",
            SizeBytes = 8,
            Sha256 = new string('0', 64),
        };
        var entities = new List<object>
        {
            lead,
            other,
            review,
            recommendation,
            milestone,
            evidence,
            file,
            new EvidenceFileContent { FileVersionId = file.Id, Content = "%PDF-1.7"u8.ToArray() },
        };
        var requestId = Guid.Empty;
        switch (action)
        {
            case "close":
                evidence.Status = EvidenceStatus.Accepted;
                break;
            case "reopen":
                recommendation.DeliveryStatus = DeliveryStatus.Complete;
                break;
            case "decide-target-date":
                var request = new TargetDateChangeRequest
                {
                    RecommendationId = recommendation.Id,
                    PreviousDate = recommendation.CurrentTargetDate,
                    RequestedDate = new DateOnly(2027, 9, 30),
                    Reason = "Supplier delay",
                };
                requestId = request.Id;
                entities.Add(request);
                break;
        }

        await App.SaveAsync([.. entities]);
        return new Scenario(lead, other, recommendation, milestone.Id, requestId, evidence);
    }

    private async Task<HttpResponseMessage> ActAsync(string action, Scenario s, string email)
    {
        var r = s.Recommendation;
        var version = await App.WithDbAsync(db => db.Recommendations.Where(x => x.Id == r.Id).Select(x => x.Version).SingleAsync());
        var v = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var details = $"/recommendations/{r.Id}";
        var client = Client(email);
        return action switch
        {
            "response" => await client.PostFormAsync(
                details,
                $"{details}/response",
                new Dictionary<string, string> { ["Response"] = "AcceptedInPrinciple", ["Version"] = v }
            ),
            "add-milestone" => await client.PostFormAsync(details, $"{details}/milestones/new", Milestone(s.Lead.Id, "0")),
            "edit-milestone" => await client.PostFormAsync(
                details,
                $"/milestones/{s.MilestoneId}/edit",
                Milestone(
                    s.Lead.Id,
                    (
                        await App.WithDbAsync(db => db.Milestones.Where(m => m.Id == s.MilestoneId).Select(m => m.Version).SingleAsync())
                    ).ToString(System.Globalization.CultureInfo.InvariantCulture)
                )
            ),
            "update" => await client.PostFormAsync(
                details,
                $"{details}/updates/new",
                new Dictionary<string, string>
                {
                    ["Narrative"] = "Working group met.",
                    ["Status"] = "InProgress",
                    ["Rag"] = "Green",
                    ["RagReason"] = "On plan",
                    ["Version"] = v,
                }
            ),
            "target-date" => await client.PostFormAsync(
                details,
                $"{details}/target-date",
                new Dictionary<string, string>
                {
                    ["NewDate.Day"] = "31",
                    ["NewDate.Month"] = "12",
                    ["NewDate.Year"] = "2027",
                    ["Reason"] = "Funding arrived late",
                    ["Version"] = v,
                }
            ),
            "propose-closure" or "close" or "reopen" or "supersede" => await client.PostFormAsync(
                details,
                $"{details}/{action}",
                new Dictionary<string, string>
                {
                    ["Validation"] = "not-yet",
                    ["ValidateBy.Day"] = "31",
                    ["ValidateBy.Month"] = "3",
                    ["ValidateBy.Year"] = "2027",
                    ["Reason"] = "Replaced by a later review",
                    ["Version"] = v,
                }
            ),
            "decide-target-date" => await client.PostFormAsync(
                details,
                $"/target-date-requests/{s.RequestId}",
                new Dictionary<string, string>
                {
                    ["Decision"] = "Approved",
                    ["Version"] = (
                        await App.WithDbAsync(db =>
                            db.TargetDateRequests.Where(t => t.Id == s.RequestId).Select(t => t.Version).SingleAsync()
                        )
                    ).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            ),
            "edit-recommendation" => await client.PostFormAsync(
                details,
                $"/admin/recommendations/{r.Id}/edit",
                new Dictionary<string, string>
                {
                    ["ReviewId"] = r.ReviewId.ToString(),
                    ["Reference"] = r.Reference,
                    ["Title"] = "A clearer title",
                    ["Text"] = r.Text,
                    ["LeadAgencyId"] = r.LeadAgencyId.ToString(),
                    ["Priority"] = "High",
                    ["Marking"] = "Official",
                    ["Version"] = v,
                }
            ),
            "add-evidence" => await client.PostMultipartAsync(
                $"{details}/evidence/new",
                $"{details}/evidence/new",
                new Dictionary<string, string>
                {
                    ["Title"] = "Minutes",
                    ["EvidenceDate.Day"] = "1",
                    ["EvidenceDate.Month"] = "10",
                    ["EvidenceDate.Year"] = "2026",
                },
                ("minutes.pdf", SampleFiles.Pdf())
            ),
            "replace-evidence" => await client.PostMultipartAsync(
                $"/evidence/{s.Evidence.Id}/replace",
                $"/evidence/{s.Evidence.Id}/replace",
                new Dictionary<string, string>(),
                ("report-v2.pdf", SampleFiles.Pdf())
            ),
            "decide-evidence" => await client.PostFormAsync(
                details,
                $"/evidence/{s.Evidence.Id}/decision",
                new Dictionary<string, string>
                {
                    ["Decision"] = "Accepted",
                    ["Version"] = (
                        await App.WithDbAsync(db => db.EvidenceItems.Where(e => e.Id == s.Evidence.Id).Select(e => e.Version).SingleAsync())
                    ).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    private static Dictionary<string, string> Milestone(Guid agencyId, string version) =>
        new()
        {
            ["Title"] = "Run the exercise",
            ["DeliveringAgencyId"] = agencyId.ToString(),
            ["DueDate.Day"] = "15",
            ["DueDate.Month"] = "3",
            ["DueDate.Year"] = "2027",
            ["Version"] = version,
        };
}
