using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Readiness.Core.Agencies;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Reviews;
using Readiness.Core.Users;

namespace Readiness.Core.Data;

/// <summary>
/// A large, realistic, deterministic data set for measuring speed: by default 5,000 recommendations across five
/// reviews, each with ten milestones, forty progress updates, four evidence items with a small file each and twenty
/// audit events spread over two years; 40 agencies and 500 users. The audit interceptor is bypassed: the history is
/// generated, not a person's change. Marked as sample data like the demonstration data.
/// </summary>
public sealed class ScaleDataSeeder(ReadinessDbContext db, TimeProvider clock, ILogger<ScaleDataSeeder> logger)
{
    public sealed record Size(
        int Recommendations = 5_000,
        int MilestonesEach = 10,
        int UpdatesEach = 40,
        int Agencies = 40,
        int Users = 500,
        int Seed = 1,
        int EvidenceEach = 4,
        int AuditEach = 20
    );

    private const int Batch = 2_000;

    public async Task SeedAsync(Size size, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(size.Seed);
        var responseDays = new Random(size.Seed + 1);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var prefix = $"S{size.Seed}";
        if (await db.Reviews.AnyAsync(r => r.Code == $"{prefix}R1", cancellationToken))
        {
            logger.LogInformation(
                "Scale data for seed {Seed} is already present; nothing seeded. Use --seed with another number to add more.",
                size.Seed
            );
            return;
        }

        var agencies = Enumerable
            .Range(1, size.Agencies)
            .Select(n => new Agency { Code = $"{prefix}A{n:D2}", Name = $"Sample agency {n:D2} ({prefix})" })
            .ToList();
        var users = Enumerable
            .Range(1, size.Users)
            .Select(n => new UserAccount
            {
                Email = $"scale{n:D4}.{prefix.ToLowerInvariant()}@scale.readiness.example",
                DisplayName = $"Scale user {n:D4}",
                Role =
                    n % 50 == 0 ? Role.ProgrammeOffice
                    : n % 25 == 0 ? Role.Executive
                    : n % 3 == 0 ? Role.AgencyContributor
                    : Role.AgencyLead,
                AgencyId = agencies[n % agencies.Count].Id,
                IsDemonstrationUser = true,
            })
            .ToList();
        var reviews = Enumerable
            .Range(1, 5)
            .Select(n =>
            {
                var review = new Review
                {
                    Code = $"{prefix}R{n}",
                    Title = $"Sample review {n} ({prefix})",
                    PublishedOn = new DateOnly(2014 + (2 * n), 3, 1),
                    IsSampleData = true,
                };
                review.Themes.AddRange(Enumerable.Range(1, 8).Select(t => new Theme { ReviewId = review.Id, Name = $"Theme {t}" }));
                return review;
            })
            .ToList();
        await InsertAsync([.. agencies, .. users, .. reviews, .. reviews.SelectMany(r => r.Themes)], cancellationToken);

        var leadsByAgency = users
            .Where(u => u.Role == Role.AgencyLead)
            .GroupBy(u => u.AgencyId!.Value)
            .ToDictionary(g => g.Key, g => g.ToList());
        var words = new[]
        {
            "barrier",
            "radio",
            "casualty",
            "command",
            "warning",
            "exercise",
            "training",
            "venue",
            "river",
            "funding",
            "volunteer",
            "recovery",
        };
        for (var start = 0; start < size.Recommendations; start += Batch / 10)
        {
            var rows = new List<object>();
            foreach (var n in Enumerable.Range(start, Math.Min(Batch / 10, size.Recommendations - start)))
            {
                var review = reviews[n % reviews.Count];
                var lead = agencies[random.Next(agencies.Count)];
                var owner = leadsByAgency.GetValueOrDefault(lead.Id)?.FirstOrDefault();
                var original = today.AddDays(random.Next(-700, 900));
                var status = (DeliveryStatus)random.Next(0, 4);
                var r = new Recommendation
                {
                    ReviewId = review.Id,
                    ThemeId = review.Themes[random.Next(review.Themes.Count)].Id,
                    Reference = $"{n + 1:D5}",
                    Title = $"Sample {words[random.Next(words.Length)]} and {words[random.Next(words.Length)]} recommendation {n + 1}",
                    Text =
                        $"Sample text for load testing: improve {words[random.Next(words.Length)]} arrangements with partners. Not real "
                        + $"data.",
                    LeadAgencyId = lead.Id,
                    Response = random.Next(10) == 0 ? ResponseStatus.Pending : ResponseStatus.Accepted,
                    DeliveryStatus = status,
                    Rag = (Rag)random.Next(3),
                    RagReason = "Sample assessment.",
                    Priority = (Priority)random.Next(3),
                    IsMonitored = random.Next(5) == 0,
                    OriginalTargetDate = original,
                    CurrentTargetDate = original.AddDays(random.Next(4) == 0 ? random.Next(10, 200) : 0),
                    OwnerUserId = owner?.Id,
                };
                r.RespondedOn = r.Response == ResponseStatus.Pending ? null : review.PublishedOn.AddDays(responseDays.Next(14, 200));
                var supporter = agencies[random.Next(agencies.Count)];
                if (supporter.Id != lead.Id)
                {
                    r.SupportingAgencies.Add(new SupportingAgency { RecommendationId = r.Id, AgencyId = supporter.Id });
                }

                for (var m = 0; m < size.MilestonesEach; m++)
                {
                    var due = original.AddDays(-30 * (size.MilestonesEach - m));
                    r.Milestones.Add(
                        new Milestone
                        {
                            RecommendationId = r.Id,
                            DeliveringAgencyId = m % 4 == 3 && r.SupportingAgencies.Count > 0 ? supporter.Id : lead.Id,
                            OwnerUserId = owner?.Id,
                            Title = $"Sample milestone {m + 1}",
                            OriginalDueDate = due,
                            CurrentDueDate = due,
                            CompletedOn = status == DeliveryStatus.Complete || (due < today && random.Next(5) > 0) ? due : null,
                        }
                    );
                }

                for (var u = 0; u < size.UpdatesEach; u++)
                {
                    var posted = today.AddDays(-15 * (size.UpdatesEach - u));
                    r.ProgressUpdates.Add(
                        new ProgressUpdate
                        {
                            RecommendationId = r.Id,
                            Narrative = $"Sample update {u + 1}: work continued with partners. Not real data.",
                            DeliveryStatus = status,
                            Rag = r.Rag!.Value,
                            RagReason = "Sample assessment.",
                            AuthorUserId = owner?.Id,
                            ReportingPeriod = posted.StartOfMonth(),
                            PostedAt = now.AddDays(-15 * (size.UpdatesEach - u)),
                        }
                    );
                }

                for (var e = 0; e < size.EvidenceEach; e++)
                {
                    var item = new Evidence.EvidenceItem
                    {
                        RecommendationId = r.Id,
                        Title = $"Sample evidence {e + 1}",
                        EvidenceDate = today.AddDays(-random.Next(1, 700)),
                        Status = (Evidence.EvidenceStatus)random.Next(3),
                        SubmittedByUserId = owner?.Id,
                        SubmittedAt = now.AddDays(-random.Next(1, 700)),
                    };
                    var content = System.Text.Encoding.ASCII.GetBytes(
                        $"%PDF-1.7\n% Sample evidence {e + 1} for recommendation {n + 1} ({prefix}). Not real data.\n%%EOF\n"
                    );
                    var version = new Evidence.EvidenceFileVersion
                    {
                        EvidenceItemId = item.Id,
                        VersionNumber = 1,
                        FileName = $"evidence-{n + 1}-{e + 1}.pdf",
                        ContentType = "application/pdf",
                        SizeBytes = content.Length,
                        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
                        UploadedByUserId = owner?.Id,
                        UploadedAt = item.SubmittedAt,
                    };
                    item.FileVersions.Add(version);
                    rows.Add(item);
                    rows.Add(new Evidence.EvidenceFileContent { FileVersionId = version.Id, Content = content });
                }

                for (var a = 0; a < size.AuditEach; a++)
                {
                    var (type, entity) = (a % 4) switch
                    {
                        0 when r.Milestones.Count > 0 => ("Milestone", r.Milestones[a % r.Milestones.Count].Id),
                        1 when r.ProgressUpdates.Count > 0 => ("ProgressUpdate", r.ProgressUpdates[a % r.ProgressUpdates.Count].Id),
                        _ => ("Recommendation", r.Id),
                    };
                    rows.Add(
                        new Auditing.AuditEvent
                        {
                            OccurredAt = now.AddMinutes(-random.Next(1, 730 * 24 * 60)),
                            ActorUserId = owner?.Id,
                            ActorName = owner?.DisplayName ?? "Sample user",
                            ActorAgencyId = lead.Id,
                            EntityType = type,
                            EntityId = entity,
                            RecommendationId = r.Id,
                            Action = a == 0 ? "Added" : "Modified",
                            NewValues = System.Text.Json.JsonDocument.Parse($"{{\"Note\":\"Sample change {a + 1}\"}}"),
                        }
                    );
                }

                rows.Add(r);
            }

            await InsertAsync(rows, cancellationToken);
        }

        // The trends' history rebuilt from what was loaded, as the end-of-day job would on its first run.
        var history = Stopwatch.StartNew();
        var changed = await new Trends.StateHistory(db).RecordAsync(today, cancellationToken);
        logger.LogInformation("Rebuilt the state history in {Seconds:F1} s ({Changed} open spans).", history.Elapsed.TotalSeconds, changed);

        await new Recommendations.StoredStates(db, new Recommendations.StoredStateDay()).RefreshAllAsync(today, cancellationToken);

        // Fresh statistics and visibility maps, as autovacuum would make soon after a real load: without them the planner
        // misjudges the register's subqueries, and a measurement taken while autovacuum catches up measures autovacuum.
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", cancellationToken);
        logger.LogInformation(
            "Seeded {Recommendations} recommendations at scale in {Seconds:F1} s.",
            size.Recommendations,
            stopwatch.Elapsed.TotalSeconds
        );
    }

    private async Task InsertAsync(IEnumerable<object> entities, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<ReadinessDbContext>();
        options.UseReadinessNpgsql(db.Database.GetConnectionString()!).UseCompiledModel();
        await using var bulk = new ReadinessDbContext(options.Options);
        bulk.ChangeTracker.AutoDetectChangesEnabled = false;
        bulk.AddRange(entities);
        await bulk.SaveChangesAsync(cancellationToken);
    }
}
