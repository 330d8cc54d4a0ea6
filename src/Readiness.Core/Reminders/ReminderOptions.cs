using System.ComponentModel.DataAnnotations;

namespace Readiness.Core.Reminders;

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>When the reminder job runs, as a cron expression in <see cref="TimeZone"/>; daily at 07:00 by default.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reminders:Cron must be a cron expression such as \"0 7 * * *\".")]
    public string Cron { get; set; } = "0 7 * * *";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Reminders:TimeZone must be a time zone id such as Europe/London.")]
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Days before a milestone's due date to remind its owner.</summary>
    [MinLength(1, ErrorMessage = "Reminders:DueSoonDays needs at least one number of days, such as 14 and 3.")]
    public int[] DueSoonDays { get; set; } = [14, 3];

    [Range(1, 90, ErrorMessage = "Reminders:OverdueRepeatDays must be between 1 and 90.")]
    public int OverdueRepeatDays { get; set; } = 7;

    [Range(1, 365, ErrorMessage = "Reminders:EscalateToLeadAfterDays must be between 1 and 365.")]
    public int EscalateToLeadAfterDays { get; set; } = 14;

    [Range(1, 365, ErrorMessage = "Reminders:EscalateToProgrammeOfficeAfterDays must be between 1 and 365.")]
    public int EscalateToProgrammeOfficeAfterDays { get; set; } = 28;

    /// <summary>From this day of the month, owners with no progress update in the month are reminded.</summary>
    [Range(1, 28, ErrorMessage = "Reminders:UpdateDueFromDay must be between 1 and 28.")]
    public int UpdateDueFromDay { get; set; } = 20;

    [Range(1, 90, ErrorMessage = "Reminders:EvidenceSentBackDays must be between 1 and 90.")]
    public int EvidenceSentBackDays { get; set; } = 7;

    [Range(1, 10_000, ErrorMessage = "Reminders:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>When the monthly board report is issued and sent to executives; 08:00 on the first of each month by default.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reminders:MonthlyReportCron must be a cron expression such as \"0 8 1 * *\".")]
    public string MonthlyReportCron { get; set; } = "0 8 1 * *";

    /// <summary>When the day's state of every recommendation is recorded for the trends: late in the day, London time.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reminders:StateHistoryCron must be a cron expression such as \"45 23 * * *\".")]
    public string StateHistoryCron { get; set; } = "45 23 * * *";

    /// <summary>When every recommendation's stored RAG and "overdue" are worked out again for the new day: just after midnight.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Reminders:StoredStateCron must be a cron expression such as \"1 0 * * *\".")]
    public string StoredStateCron { get; set; } = "1 0 * * *";

    /// <summary>
    /// Whether this instance runs a Hangfire server; every instance may, and each recurring job still runs once per occurrence.
    /// </summary>
    public bool RunServer { get; set; } = true;

    /// <summary>How often an idle Hangfire server looks for queued jobs, such as a run handed over by a stopping instance.</summary>
    [Range(1, 300, ErrorMessage = "Reminders:QueuePollSeconds must be between 1 and 300.")]
    public int QueuePollSeconds { get; set; } = 15;
}
