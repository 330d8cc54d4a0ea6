using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Reports;

/// <summary>What `report issue` is asked to issue: the report, who issued it and, for the monthly report, its month's key.</summary>
public sealed record IssueOrder(ReportRequest Request, Guid? IssuedBy, string? MonthlyKey)
{
    private const string DateFormat = "yyyy-MM-dd";

    public IReadOnlyList<string> Arguments()
    {
        List<string> arguments = ["issue", "--scope", Request.Scope.ToString(), "--as-at", Request.AsAt.ToString(DateFormat, Invariant)];
        Add(arguments, "--code", Request.Code);
        Add(arguments, "--reader", Request.Reader?.Role.ToString());
        Add(arguments, "--reader-agency", Request.Reader?.AgencyId?.ToString());
        Add(arguments, "--sensitive", Request.Reader?.HasSensitiveAccess.ToString());
        Add(arguments, "--issued-by", IssuedBy?.ToString());
        Add(arguments, "--monthly-key", MonthlyKey);
        return arguments;
    }

    /// <summary>The order <see cref="Arguments"/> wrote, or null when the arguments are not one.</summary>
    public static IssueOrder? Parse(string[] arguments)
    {
        string? Value(string name) =>
            Array.IndexOf(arguments, name) is var i and >= 0 && i + 1 < arguments.Length ? arguments[i + 1] : null;

        Guid? agency = null;
        Guid? issuedBy = null;
        var valid =
            Enum.TryParse<ReportScope>(Value("--scope"), out var scope)
            & DateOnly.TryParseExact(Value("--as-at"), DateFormat, Invariant, DateTimeStyles.None, out var asAt)
            & OptionalGuid(Value("--reader-agency"), ref agency)
            & OptionalGuid(Value("--issued-by"), ref issuedBy);
        Reader? reader = null;
        if (Value("--reader") is { } role)
        {
            valid &= Enum.TryParse<Role>(role, out var readerRole) & bool.TryParse(Value("--sensitive"), out var sensitive);
            reader = new Reader(readerRole, agency, sensitive);
        }

        return valid ? new IssueOrder(new ReportRequest(scope, Value("--code"), asAt, reader), issuedBy, Value("--monthly-key")) : null;
    }

    private static bool OptionalGuid(string? value, ref Guid? parsed)
    {
        if (value is null)
        {
            return true;
        }

        var valid = Guid.TryParse(value, out var guid);
        parsed = guid;
        return valid;
    }

    private static CultureInfo Invariant => CultureInfo.InvariantCulture;

    private static void Add(List<string> arguments, string name, string? value)
    {
        if (value is not null)
        {
            arguments.AddRange([name, value]);
        }
    }
}

/// <summary>
/// Issues board reports off the request (a big report issued by hand, the monthly report) in the report process when
/// there is one, with its own heap limit as for big downloads: issuing the 5,000-recommendation programme inside the
/// worker raised the worker's peak from about 180 to 354-369 MB.
/// </summary>
public sealed class ReportIssuer(ReadinessDbContext db, BoardReportService reports, IReportProcess? process = null)
{
    public async Task IssueAsync(IssueOrder order, CancellationToken cancellationToken)
    {
        if (process is null)
        {
            await IssueHereAsync(order, cancellationToken);
        }
        else if (!await process.RunAsync(order.Arguments(), cancellationToken))
        {
            throw new InvalidOperationException($"The report process could not issue the {order.Request.Scope} report.");
        }
    }

    /// <summary>Issues in this process: `report issue`, and the app without a report process.</summary>
    public async Task IssueHereAsync(IssueOrder order, CancellationToken cancellationToken)
    {
        try
        {
            await reports.IssueAsync(order.Request, order.IssuedBy, cancellationToken, order.MonthlyKey);
        }
        catch (DbUpdateException exception)
            when (order.MonthlyKey is not null && exception.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // Another run issued this month's report a moment ago: the month has its report, and this one is let go.
            db.ChangeTracker.Clear();
        }
    }
}
