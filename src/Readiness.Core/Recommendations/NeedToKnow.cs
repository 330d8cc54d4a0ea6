using System.Collections.Concurrent;
using System.Linq.Expressions;
using LinqKit;
using Readiness.Core.Users;

namespace Readiness.Core.Recommendations;

/// <summary>Who is reading, as the need-to-know rule sees them.</summary>
public sealed record Reader(Role Role, Guid? AgencyId, bool HasSensitiveAccess);

/// <summary>
/// Need to know: the wording of an OFFICIAL-SENSITIVE recommendation (title, text, milestones, updates, evidence,
/// reasons, closure record, audit detail) is for its lead and supporting agencies, the programme office, executives and
/// people the programme office has granted sensitive access until a date. Everyone else sees its reference, marking and
/// status, and "restricted". Every surface reads through <see cref="MayRead(Reader)"/> or the rules built on it.
/// </summary>
public static class NeedToKnow
{
    public const string RestrictedText = "Restricted: OFFICIAL-SENSITIVE";

    /// <summary>The rule, once: a recommendation, and the reader's role, agency and whether a grant is in force.</summary>
    public static readonly Expression<Func<Recommendation, Role, Guid?, bool, bool>> Rule = (r, role, agencyId, granted) =>
        r.Marking != ProtectiveMarking.OfficialSensitive
        || granted
        || role == Role.ProgrammeOffice
        || role == Role.Executive
        || (agencyId != null && (r.LeadAgencyId == agencyId || r.SupportingAgencies.Any(s => s.AgencyId == agencyId)));

    private static readonly Func<Recommendation, Role, Guid?, bool, bool> RuleCompiled = Rule.Expand().Compile();

    /// <summary>Whether a sensitive-access grant ending on <paramref name="until"/> is in force on <paramref name="today"/>.</summary>
    public static bool GrantIsInForce(DateOnly? until, DateOnly today) => until is { } end && end >= today;

    /// <summary>
    /// The rule for one reader, as a predicate a query can use. Built once per kind of reader (a role, an agency, a grant:
    /// a few hundred at most) and shared: expanding it took about 40 µs a page, and its values still reach SQL as parameters.
    /// </summary>
    public static Expression<Func<Recommendation, bool>> MayRead(Reader reader) => MayReadByReader.GetOrAdd(reader, Build);

    private static readonly ConcurrentDictionary<Reader, Expression<Func<Recommendation, bool>>> MayReadByReader = new();

    private static Expression<Func<Recommendation, bool>> Build(Reader reader)
    {
        var (role, agencyId, granted) = (reader.Role, reader.AgencyId, reader.HasSensitiveAccess);
        Expression<Func<Recommendation, bool>> mayRead = r => Rule.Invoke(r, role, agencyId, granted);
        return mayRead.Expand();
    }

    /// <summary>For a recommendation loaded with its supporting agencies.</summary>
    public static bool MayRead(Reader reader, Recommendation recommendation) =>
        RuleCompiled(recommendation, reader.Role, reader.AgencyId, reader.HasSensitiveAccess);

    public static Reader ReaderFor(UserAccount user, DateOnly today) =>
        new(user.Role, user.AgencyId, GrantIsInForce(user.SensitiveAccessUntil, today));

    /// <summary>The highest of some markings; <paramref name="floor"/> is the service's own marking.</summary>
    public static ProtectiveMarking Highest(
        IEnumerable<ProtectiveMarking> markings,
        ProtectiveMarking floor = ProtectiveMarking.Official
    ) => markings.Aggregate(floor, (highest, m) => m > highest ? m : highest);

    public static ProtectiveMarking Parse(string marking) =>
        marking.Equals(Vocabulary.Describe(ProtectiveMarking.OfficialSensitive), StringComparison.OrdinalIgnoreCase)
            ? ProtectiveMarking.OfficialSensitive
            : ProtectiveMarking.Official;
}
