using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Auditing;
using Readiness.Core.Evidence;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Reports;
using Readiness.Core.Reviews;
using Readiness.Core.Users;

namespace Readiness.Core.Data;

public class ReadinessDbContext(DbContextOptions<ReadinessDbContext> options)
    : DbContext(options),
        Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>Who this context's saves are audited as: the scope that took it from the pool (none: the app itself).</summary>
    internal IAuditActorAccessor? AuditActors { get; private set; }

    /// <summary>What a save in progress has touched, for <see cref="StoredStateInterceptor"/>.</summary>
    internal StoredStateInterceptor.Pending StoredStatePending { get; private set; } = new();

    /// <summary>
    /// Readies a context taken from the pool for one scope (a request, a job): its saves name that scope's actor, and
    /// nothing a save of an earlier scope collected is left on it.
    /// </summary>
    internal ReadinessDbContext For(IAuditActorAccessor actors)
    {
        AuditActors = actors;
        StoredStatePending = new();
        return this;
    }

    /// <summary>Data protection keys, shared by every instance so sign-in cookies and anti-forgery tokens work on any of them.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<Cover> Covers => Set<Cover>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<SupportingAgency> SupportingAgencies => Set<SupportingAgency>();
    public DbSet<RecommendationLink> RecommendationLinks => Set<RecommendationLink>();
    public DbSet<StoredState> StoredStates => Set<StoredState>();
    public DbSet<Trends.StateSpan> StateSpans => Set<Trends.StateSpan>();
    public DbSet<RecommendationStatusChange> StatusChanges => Set<RecommendationStatusChange>();
    public DbSet<TargetDateChangeRequest> TargetDateRequests => Set<TargetDateChangeRequest>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ProgressUpdate> ProgressUpdates => Set<ProgressUpdate>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();
    public DbSet<EvidenceFileVersion> EvidenceFileVersions => Set<EvidenceFileVersion>();
    public DbSet<EvidenceFileContent> EvidenceFileContents => Set<EvidenceFileContent>();
    public DbSet<EvidenceDecision> EvidenceDecisions => Set<EvidenceDecision>();
    public DbSet<ClosureRecord> ClosureRecords => Set<ClosureRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<BoardReportSnapshot> BoardReportSnapshots => Set<BoardReportSnapshot>();
    public DbSet<ReportRun> ReportRuns => Set<ReportRun>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookFeedPosition> WebhookFeedPositions => Set<Webhooks.WebhookFeedPosition>();
    public DbSet<Imports.ImportBatch> ImportBatches => Set<Imports.ImportBatch>();
    public DbSet<Calendars.CalendarFeed> CalendarFeeds => Set<Calendars.CalendarFeed>();
    public DbSet<PublicProgress.PublicProgressSnapshot> PublicProgressSnapshots => Set<PublicProgress.PublicProgressSnapshot>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<string>().HaveMaxLength(400);
        configurationBuilder.Properties<Role>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<NotificationPreference>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ResponseStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Rag>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReportScope>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReportRunState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RagBasis>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<BlockerKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ValidationMethod>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LinkKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Priority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ProtectiveMarking>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Calendars.CalendarScope>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EvidenceStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TargetDateRequestState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SendBackReason>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<EvidenceDecisionKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ClosureDecision>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NotificationState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Webhooks.WebhookDeliveryState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Webhooks.WebhookEvents>().HaveConversion<int>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReadinessDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            modelBuilder.Entity(entityType.ClrType).Property(nameof(Entity.Version)).IsRowVersion();
            modelBuilder
                .Entity(entityType.ClrType)
                .Property(nameof(Entity.Id))
                .ValueGeneratedNever()
                .UsePropertyAccessMode(PropertyAccessMode.Property);
        }
    }
}
