using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Readiness.Core.Agencies;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Reviews;
using Readiness.Core.Users;

namespace Readiness.Core.Data;

/// <summary>
/// Demonstration data written for this app from the public facts of the London reviews. Every review is flagged as
/// sample data, no review wording is quoted and nothing claims a real agency said or did anything.
/// </summary>
public sealed class DemoDataSeeder(ReadinessDbContext db, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string EmailDomain = "demo.readiness.example";

    private static readonly (string Code, string Name)[] AgencyList =
    [
        ("MPS", "Metropolitan Police Service"),
        ("COLP", "City of London Police"),
        ("BTP", "British Transport Police"),
        ("LFB", "London Fire Brigade"),
        ("LAS", "London Ambulance Service"),
        ("GLA", "Greater London Authority"),
        ("MOPAC", "Mayor's Office for Policing and Crime"),
        ("LR", "London Resilience"),
        ("LC", "London Councils"),
        ("TFL", "Transport for London"),
        ("NHSEL", "NHS England (London)"),
        ("PLA", "Port of London Authority"),
        ("HO", "Home Office"),
    ];

    private static readonly (string Email, string Name, Role Role, string? Agency)[] UserList =
    [
        ("programme.office", "Priya Patel (sample)", Role.ProgrammeOffice, "LR"),
        ("assurance", "Sam Okafor (sample)", Role.ProgrammeOffice, "LR"),
        ("executive", "Morgan Ellis (sample)", Role.Executive, "GLA"),
        ("viewer", "Alex Reid (sample)", Role.Viewer, "MOPAC"),
        ("lead.lfb", "Jordan Hughes (sample)", Role.AgencyLead, "LFB"),
        ("contributor.lfb", "Casey Morgan (sample)", Role.AgencyContributor, "LFB"),
        ("lead.mps", "Taylor Brooks (sample)", Role.AgencyLead, "MPS"),
        ("contributor.mps", "Robin Shaw (sample)", Role.AgencyContributor, "MPS"),
        ("lead.las", "Jamie Clarke (sample)", Role.AgencyLead, "LAS"),
        ("lead.tfl", "Charlie Evans (sample)", Role.AgencyLead, "TFL"),
        ("lead.btp", "Avery Khan (sample)", Role.AgencyLead, "BTP"),
        ("lead.gla", "Rowan Lewis (sample)", Role.AgencyLead, "GLA"),
    ];

    private static readonly string[] Themes2016 =
    [
        "Command, control and coordination",
        "Warning and informing the public",
        "Specialist firearms and rescue capability",
        "Protective security of crowded places",
        "Casualty care and victim support",
        "Training and exercising",
    ];

    private static readonly string[] Themes2022 =
    [
        "Funding and equipment of the emergency services",
        "Specialist training",
        "Information sharing with business and civil society",
        "Extreme right-wing and online radicalisation",
        "Effects of the pandemic",
    ];

    private static readonly string[] Actions =
    [
        "Review and refresh",
        "Agree a joint protocol for",
        "Set up a standing group on",
        "Fund and equip",
        "Run a pan-London exercise on",
        "Publish guidance on",
        "Train frontline staff in",
        "Test arrangements for",
        "Share information about",
        "Map capability for",
    ];

    private static readonly string[] Subjects =
    [
        "multi-agency command at a major incident",
        "public warning messages during an attack",
        "crowded-place security at large venues",
        "casualty clearing at transport hubs",
        "interoperable radio communications",
        "mutual aid between neighbouring forces",
        "support to bereaved families",
        "volunteer and business responders",
        "river and port incident response",
        "mass-casualty medical supplies",
        "online radicalisation referrals",
        "recovery planning after an incident",
    ];

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Reviews.AnyAsync(r => r.Code == "LPR2016" || r.Code == "LPR2022", cancellationToken))
        {
            logger.LogInformation("Demonstration data is already present; nothing seeded.");
            return false;
        }

        var random = new Random(2016);
        // Response dates draw from their own sequence, so adding them left the rest of the sample data as it was.
        var responseDays = new Random(2022);
        var today = clock.Today();
        var agencies = AgencyList.Select(a => new Agency { Code = a.Code, Name = a.Name }).ToList();
        var agencyByCode = agencies.ToDictionary(a => a.Code);
        var users = UserList
            .Select(u => new UserAccount
            {
                Email = $"{u.Email}@{EmailDomain}",
                DisplayName = u.Name,
                Role = u.Role,
                AgencyId = u.Agency is null ? null : agencyByCode[u.Agency].Id,
                IsDemonstrationUser = true,
                NotificationPreference = u.Email.StartsWith("contributor", StringComparison.Ordinal)
                    ? NotificationPreference.DailyDigest
                    : NotificationPreference.Immediate,
            })
            .ToList();
        var review2016 = NewReview("LPR2016", "Sample: London preparedness review (2016 model)", new DateOnly(2016, 10, 31), Themes2016);
        var review2022 = NewReview(
            "LPR2022",
            "Sample: London preparedness review refresh (2022 model)",
            new DateOnly(2022, 3, 1),
            Themes2022
        );

        var deliveringAgencies = agencies.Where(a => a.Code is not ("LR" or "MOPAC")).ToList();
        var recommendations = new List<Recommendation>();
        recommendations.AddRange(Enumerable.Range(1, 60).Select(n => NewRecommendation(review2016, n, mature: true)));
        recommendations.AddRange(Enumerable.Range(1, 90).Select(n => NewRecommendation(review2022, n, mature: false)));

        db.Agencies.AddRange(agencies);
        db.Users.AddRange(users);
        db.Reviews.AddRange(review2016, review2022);
        db.Recommendations.AddRange(recommendations);
        await db.SaveChangesAsync(cancellationToken);
        // The trends start with the demonstration's past rebuilt from its records, as they would for an imported programme.
        await new Trends.StateHistory(db).RecordAsync(today, cancellationToken);
        var milestoneCount = recommendations.Sum(r => r.Milestones.Count);
        logger.LogInformation(
            "Seeded demonstration data: {Agencies} agencies, {Users} users, {Recommendations} recommendations, {Milestones} milestones.",
            agencies.Count,
            users.Count,
            recommendations.Count,
            milestoneCount
        );
        return true;

        Recommendation NewRecommendation(Review review, int number, bool mature)
        {
            var lead = deliveringAgencies[random.Next(deliveringAgencies.Count)];
            var action = Actions[random.Next(Actions.Length)];
            var subject = Subjects[random.Next(Subjects.Length)];
            var recommendation = new Recommendation
            {
                ReviewId = review.Id,
                ThemeId = review.Themes[random.Next(review.Themes.Count)].Id,
                Reference = $"{review.Code[3..]}-{number:D3}",
                Title = $"{action} {subject}",
                Text =
                    $"Sample text written for this demonstration. {lead.Name} should {action.ToLowerInvariant()} {subject}, working with "
                    + $"partners, and report progress to the programme board.",
                LeadAgencyId = lead.Id,
                Priority = (Priority)random.Next(3),
                IsMonitored = random.Next(5) == 0,
                Marking = random.Next(8) == 0 ? ProtectiveMarking.OfficialSensitive : ProtectiveMarking.Official,
                OwnerUserId = users.FirstOrDefault(u => u.AgencyId == lead.Id && u.Role == Role.AgencyLead)?.Id,
            };
            // Two in three are agreed for the public progress page; never a sensitive one. No random draw, so the rest of the data stays as
            // it was.
            recommendation.IsPublishable = recommendation.Marking == ProtectiveMarking.Official && number % 3 != 0;
            var supporter = deliveringAgencies[random.Next(deliveringAgencies.Count)];
            if (supporter.Id != lead.Id)
            {
                recommendation.SupportingAgencies.Add(
                    new SupportingAgency
                    {
                        RecommendationId = recommendation.Id,
                        AgencyId = supporter.Id,
                        PartOfWork = $"Sample: {supporter.Name} supplies advice and joins the working group.",
                    }
                );
            }

            Respond(recommendation, review.PublishedOn, mature);
            if (recommendation.Response is ResponseStatus.Accepted or ResponseStatus.AcceptedInPrinciple)
            {
                PlanDelivery(recommendation, supporter, mature);
            }

            return recommendation;
        }

        void Respond(Recommendation recommendation, DateOnly published, bool mature)
        {
            var roll = random.Next(100);
            (recommendation.Response, recommendation.ResponseRationale) = roll switch
            {
                < 6 => (
                    ResponseStatus.NotAccepted,
                    "Sample rationale: the owner judged that existing national arrangements already cover this."
                ),
                < 18 => (ResponseStatus.AcceptedInPrinciple, null),
                < 30 when !mature => (ResponseStatus.Pending, null),
                _ => (ResponseStatus.Accepted, null),
            };
            if (recommendation.Response != ResponseStatus.Pending)
            {
                var answered = published.AddDays(responseDays.Next(14, mature ? 240 : 150));
                recommendation.RespondedOn = answered < today ? answered : today;
            }
        }

        void PlanDelivery(Recommendation recommendation, Agency supporter, bool mature)
        {
            var original = mature ? today.AddDays(-random.Next(200, 2400)) : today.AddDays(random.Next(-200, 500));
            var slip = random.Next(4) == 0 ? random.Next(30, 180) : 0;
            recommendation.OriginalTargetDate = original;
            recommendation.CurrentTargetDate = original.AddDays(slip);
            var milestoneCount = random.Next(1, 5);
            for (var i = 0; i < milestoneCount; i++)
            {
                var due = original.AddDays(-30 * (milestoneCount - i - 1) - random.Next(0, 20));
                var done = mature ? random.Next(10) > 0 : due < today && random.Next(3) > 0;
                var agency =
                    i % 3 == 2 && recommendation.SupportingAgencies.Count > 0
                        ? supporter
                        : recommendation.LeadAgency ?? deliveringAgencies.First(a => a.Id == recommendation.LeadAgencyId);
                recommendation.Milestones.Add(
                    new Milestone
                    {
                        RecommendationId = recommendation.Id,
                        DeliveringAgencyId = agency.Id,
                        OwnerUserId = users.FirstOrDefault(u => u.AgencyId == agency.Id && u.Role == Role.AgencyLead)?.Id,
                        Title = $"Sample milestone {i + 1}: {MilestoneStep(i)}",
                        OriginalDueDate = due,
                        CurrentDueDate = due,
                        CompletedOn = done ? due.AddDays(-random.Next(0, 10)) : null,
                    }
                );
            }

            var allDone = recommendation.Milestones.TrueForAll(m => m.CompletedOn is not null);
            var anyOverdue = recommendation.Milestones.Exists(m => m.IsOverdueOn(today));
            recommendation.DeliveryStatus =
                allDone && mature ? DeliveryStatus.Complete
                : recommendation.Milestones.Exists(m => m.CompletedOn is not null) ? DeliveryStatus.InProgress
                : DeliveryStatus.NotStarted;
            (recommendation.Rag, recommendation.RagReason) =
                recommendation.DeliveryStatus == DeliveryStatus.Complete ? (Rag.Green, "Delivered.")
                : anyOverdue ? (Rag.Red, "A milestone is overdue.")
                : slip > 0 ? (Rag.Amber, "The target date has moved; delivery is at risk.")
                : (Rag.Green, "On track against the plan.");

            var updates = random.Next(0, 4);
            for (var u = 0; u < updates; u++)
            {
                var postedOn = today.AddMonths(-(updates - u));
                recommendation.ProgressUpdates.Add(
                    new ProgressUpdate
                    {
                        RecommendationId = recommendation.Id,
                        Narrative =
                            $"Sample update {u + 1}: the working group met, reviewed the plan and agreed next steps. This is "
                            + $"demonstration text.",
                        DeliveryStatus = recommendation.DeliveryStatus,
                        Rag = recommendation.Rag ?? Rag.Green,
                        RagReason = recommendation.RagReason,
                        AuthorUserId = recommendation.OwnerUserId,
                        ReportingPeriod = postedOn.StartOfMonth(),
                        PostedAt = new DateTimeOffset(postedOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
                    }
                );
            }
        }
    }

    private static string MilestoneStep(int index) =>
        (index % 4) switch
        {
            0 => "agree scope and partners",
            1 => "draft and consult",
            2 => "test in an exercise",
            _ => "sign off and embed",
        };

    private static Review NewReview(string code, string title, DateOnly published, string[] themes)
    {
        var review = new Review
        {
            Code = code,
            Title = title,
            PublishedOn = published,
            Description =
                "Sample data for demonstration. Modelled on the public facts of a London preparedness review; none of its wording is "
                + "quoted.",
            IsSampleData = true,
        };
        review.Themes.AddRange(themes.Select(t => new Theme { ReviewId = review.Id, Name = t }));
        return review;
    }
}
