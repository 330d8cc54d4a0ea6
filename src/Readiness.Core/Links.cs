using Readiness.Core.Users;

namespace Readiness.Core;

/// <summary>
/// Every path in the service, built in one place: controllers, views, emails and calendar feeds use these, never path
/// literals. <c>LinksTests</c> checks that each one matches a route the app serves.
/// </summary>
public static class Links
{
    public const string Home = "/";
    public const string SignIn = "/sign-in";
    public const string SignOut = "/sign-out";
    public const string Account = "/account";
    public const string AccountCalendars = "/account#calendar";
    public const string Accessibility = "/accessibility";
    public const string PublicProgress = "/progress";
    public const string Register = "/recommendations";
    public const string EvidenceQueue = "/evidence/review";
    public const string TargetDateRequests = "/target-date-requests";
    public const string Reports = "/reports";
    public const string Dashboard = "/dashboard";
    public const string IssueReport = "/reports/issue";
    public const string BoardReportPdf = "/reports/board.pdf";

    public static string ReportRun(Guid id) => $"/reports/runs/{id}";

    public static string ReportRunStatus(Guid id) => $"/reports/runs/{id}/status";

    public static string ReportRunPdf(Guid id) => $"/reports/runs/{id}.pdf";

    public const string Audit = "/audit";
    public const string Notifications = "/notifications";
    public const string Admin = "/admin";
    public const string Webhooks = "/admin/webhooks";
    public const string NewWebhook = "/admin/webhooks/new";

    public static string SwitchOffWebhook(Guid id) => $"{Webhooks}/{id}/switch-off";

    public const string Users = "/admin/users";
    public const string NewUser = "/admin/users/new";
    public const string Reviews = "/admin/reviews";
    public const string NewReview = "/admin/reviews/new";
    public const string Agencies = "/admin/agencies";
    public const string NewAgency = "/admin/agencies/new";
    public const string NewRecommendation = "/admin/recommendations/new";
    public const string Import = "/admin/import";
    public const string ImportTemplateCsv = "/admin/import/template.csv";
    public const string ImportTemplateXlsx = "/admin/import/template.xlsx";
    public const string PublicProgressAdmin = "/admin/public-progress";
    public const string PublishPublicProgress = "/admin/public-progress/publish";
    public const string JobsDashboard = "/_hangfire";

    public static string SignInWithEntra(string returnUrl) => $"/sign-in/entra?returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static string SignInRefused(SignInRefusal reason) => $"/sign-in/refused?reason={reason}";

    public static string IssueCalendar(string scope) => $"/account/calendar/{scope}/issue";

    public static string RevokeCalendar(string scope) => $"/account/calendar/{scope}/revoke";

    public static string Calendar(string token) => $"/calendar/{token}.ics";

    /// <summary>The register with a query string that starts with "?" (or is empty).</summary>
    public static string RegisterWith(string query) => Register + query;

    public static string RegisterForReview(string reviewCode) => $"{Register}?review={Uri.EscapeDataString(reviewCode)}";

    public static string RegisterForAgency(string agencyCode, bool overdue = false) =>
        $"{Register}?agency={Uri.EscapeDataString(agencyCode)}{(overdue ? "&overdue=true" : "")}";

    public static string RegisterCsv(string query) => $"{Register}/export.csv{query}";

    public static string RegisterExcel(string query) => $"{Register}/export.xlsx{query}";

    public static string Recommendation(Guid id) => $"{Register}/{id}";

    /// <summary>A page of the recommendation's progress updates, at the list.</summary>
    public static string RecommendationUpdates(Guid id, int page) => $"{Recommendation(id)}?updates={page}#updates";

    /// <summary>A page of the recommendation's history of changes, at the history.</summary>
    public static string RecommendationHistory(Guid id, int page) => $"{Recommendation(id)}?history={page}#history";

    public static string RecordResponse(Guid id) => $"{Recommendation(id)}/response";

    public static string AssureRag(Guid id) => $"{Recommendation(id)}/assured-rag";

    public static string Blocker(Guid id) => $"{Recommendation(id)}/blocker";

    public static string RecordValidation(Guid id) => $"{Recommendation(id)}/validation";

    public static string AddDependency(Guid id) => $"{Recommendation(id)}/dependencies/new";

    public static string AddCrossReviewLink(Guid id) => $"{Recommendation(id)}/links/new";

    public static string RemoveLink(Guid id, Guid linkId) => $"{Recommendation(id)}/links/{linkId}/remove";

    public static string PostUpdate(Guid id) => $"{Recommendation(id)}/updates/new";

    public const string MonthlyUpdate = "/updates/month";

    public const string Cover = "/account/cover";

    public static string RemoveCover(Guid id) => $"{Cover}/{id}/remove";

    public static string AddMilestone(Guid id) => $"{Recommendation(id)}/milestones/new";

    public static string AddEvidence(Guid id) => $"{Recommendation(id)}/evidence/new";

    public static string TargetDate(Guid id) => $"{Recommendation(id)}/target-date";

    /// <summary>A closure step: propose-closure, close, reopen or supersede.</summary>
    public static string ClosureStep(Guid id, string step) => $"{Recommendation(id)}/{step}";

    public static string EditRecommendation(Guid id) => $"/admin/recommendations/{id}/edit";

    public static string EditMilestone(Guid id) => $"/milestones/{id}/edit";

    public static string CompleteMilestone(Guid id) => $"/milestones/{id}/complete";

    public static string Evidence(Guid id) => $"/evidence/{id}";

    public static string EvidenceVersion(Guid id, int version) => $"{Evidence(id)}/versions/{version}";

    public static string ReplaceEvidence(Guid id) => $"{Evidence(id)}/replace";

    public static string DecideEvidence(Guid id) => $"{Evidence(id)}/decision";

    public static string TargetDateRequest(Guid id) => $"{TargetDateRequests}/{id}";

    public static string IssuedReport(Guid id) => $"{Reports}/{id}.pdf";

    public static string NotificationsIn(string state) => $"{Notifications}?state={Uri.EscapeDataString(state)}";

    public static string EditUser(Guid id) => $"{Users}/{id}/edit";

    public static string EditReview(Guid id) => $"{Reviews}/{id}/edit";

    public static string ReviewThemes(Guid id) => $"{Reviews}/{id}/themes";

    public static string EditAgency(Guid id) => $"{Agencies}/{id}/edit";

    public static string ImportBatch(Guid id) => $"{Import}/{id}";

    public static string ApplyImport(Guid id) => $"{ImportBatch(id)}/apply";
}
