namespace VoicePlatform.Leads;

/// <summary>Why a row of an import was rejected: its row (1 is a CSV's header), the field, and what is wrong.</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadRowProblem")]
public sealed record LeadRowProblem(
    [property: Id(0)] int Row,
    [property: Id(1)] string Field,
    [property: Id(2)] string Reason);
