namespace Readiness.Core.Recommendations;

public enum ResponseStatus
{
    Pending,
    Accepted,
    AcceptedInPrinciple,
    NotAccepted,
}

public enum DeliveryStatus
{
    NotStarted,
    InProgress,
    ClosureProposed,
    Complete,
    Superseded,
}

public enum Rag
{
    Green,
    Amber,
    Red,
}

public enum Priority
{
    High,
    Medium,
    Low,
}

public enum ProtectiveMarking
{
    Official,
    OfficialSensitive,
}

/// <summary>The words users see for each value: the vocabulary of Grenfell, PAC and board practice.</summary>
public static class Vocabulary
{
    public static string Describe(ResponseStatus value) =>
        value switch
        {
            ResponseStatus.Accepted => "Accepted",
            ResponseStatus.AcceptedInPrinciple => "Accepted in principle",
            ResponseStatus.NotAccepted => "Not accepted",
            _ => "Response pending",
        };

    public static string Describe(DeliveryStatus value) =>
        value switch
        {
            DeliveryStatus.InProgress => "In progress",
            DeliveryStatus.ClosureProposed => "Closure proposed",
            DeliveryStatus.Complete => "Complete",
            DeliveryStatus.Superseded => "Superseded",
            _ => "Not started",
        };

    public static string Describe(Rag value) =>
        value switch
        {
            Rag.Red => "Red",
            Rag.Amber => "Amber",
            _ => "Green",
        };

    public static string Describe(BlockerKind value) =>
        value switch
        {
            BlockerKind.NeedsLegislation => "Needs legislation",
            BlockerKind.NeedsFunding => "Needs funding",
            BlockerKind.WaitsOnAgency => "Waits on another agency",
            _ => "Waits on another recommendation",
        };

    public static string Describe(ValidationMethod value) =>
        value switch
        {
            ValidationMethod.Exercise => "Exercise",
            ValidationMethod.RealIncident => "Real incident",
            ValidationMethod.Audit => "Audit",
            _ => "Inspection",
        };

    public static string Describe(Priority value) =>
        value switch
        {
            Priority.High => "High",
            Priority.Low => "Low",
            _ => "Medium",
        };

    public static string Describe(ProtectiveMarking value) =>
        value switch
        {
            ProtectiveMarking.OfficialSensitive => "OFFICIAL-SENSITIVE",
            _ => "OFFICIAL",
        };
}
