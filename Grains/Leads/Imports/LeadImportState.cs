using VoicePlatform.Campaigns;
using VoicePlatform.Leads;

namespace VoicePlatform.Grains.Leads.Imports;

/// <summary>An import job as stored: small figures only; the list's parts wait in <see cref="ILeadUploadStore"/>.</summary>
[GenerateSerializer, Alias("vp.LeadImportState")]
public sealed record LeadImportState
{
    [Id(0)] public CampaignId? CampaignId { get; init; }
    [Id(1)] public LeadImportStatus Status { get; init; }
    /// <summary>Parts the upload said it sent, once sealed.</summary>
    [Id(2)] public int Parts { get; init; }
    [Id(3)] public int PartsProcessed { get; init; }
    [Id(4)] public int RowsReceived { get; init; }
    [Id(5)] public LeadImportTally Tally { get; init; } = new();
    [Id(6)] public IReadOnlyDictionary<LeadStatus, int>? LeadsByStatus { get; init; }
    [Id(7)] public string? FailureReason { get; init; }
    [Id(8)] public DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public DateTimeOffset? CompletedAt { get; init; }
}
