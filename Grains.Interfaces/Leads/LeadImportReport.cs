namespace VoicePlatform.Leads;

/// <summary>
/// What an import did: rows received, leads new to the campaign, numbers it already had, the campaign's leads by status
/// afterwards (scheduled, no consent, on the do-not-call list, never callable…), and each rejected row with its reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadImportReport")]
public sealed record LeadImportReport
{
    [Id(0)] public required int Received { get; init; }
    [Id(1)] public required int Added { get; init; }
    [Id(2)] public required int AlreadyInCampaign { get; init; }
    [Id(3)] public required IReadOnlyDictionary<LeadStatus, int> LeadsByStatus { get; init; }
    [Id(4)] public required IReadOnlyList<LeadRowProblem> Rejected { get; init; }
    [Id(5)] public required IReadOnlyList<LeadMerge> Merged { get; init; }
}
