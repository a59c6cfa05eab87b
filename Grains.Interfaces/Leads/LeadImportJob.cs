using VoicePlatform.Campaigns;

namespace VoicePlatform.Leads;

/// <summary>
/// A large lead list being imported in the background: how far it has got (parts and rows read of those received),
/// what it has done so far (leads added, numbers the campaign already had, rows merged and rejected), the first
/// rejected rows with their list row numbers, and — once complete — the campaign's leads by status.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadImportJob")]
public sealed record LeadImportJob
{
    /// <summary>How many rejected rows a job keeps with their reasons; the rest are counted.</summary>
    public const int MaxReportedProblems = 200;

    [Id(0)] public required LeadImportId Id { get; init; }
    [Id(1)] public required CampaignId CampaignId { get; init; }
    [Id(2)] public required LeadImportStatus Status { get; init; }
    [Id(3)] public required int PartsReceived { get; init; }
    [Id(4)] public required int PartsProcessed { get; init; }
    [Id(5)] public required int RowsReceived { get; init; }
    [Id(6)] public required int RowsProcessed { get; init; }
    [Id(7)] public required int Added { get; init; }
    [Id(8)] public required int AlreadyInCampaign { get; init; }
    [Id(9)] public required int RowsMerged { get; init; }
    [Id(10)] public required int RowsRejected { get; init; }
    [Id(11)] public required IReadOnlyList<LeadRowProblem> Rejected { get; init; }
    [Id(12)] public IReadOnlyDictionary<LeadStatus, int>? LeadsByStatus { get; init; }
    [Id(13)] public string? FailureReason { get; init; }
    [Id(14)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(15)] public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Share of the received rows read so far, 0 to 1.</summary>
    [Id(16)] public required double Progress { get; init; }
}
