using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Tenants;

namespace VoicePlatform.Leads;

/// <summary>
/// A lead as the campaign's lead table holds it: what was imported, where it stands, and — while it waits to be dialed
/// — its next lawfully callable time, by which the campaign fetches the next leads in small batches.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadRecord")]
public sealed record LeadRecord
{
    [Id(0)] public required TenantId TenantId { get; init; }
    [Id(1)] public required CampaignId CampaignId { get; init; }
    [Id(2)] public required LeadId LeadId { get; init; }
    [Id(3)] public required string Phone { get; init; }
    [Id(4)] public string? Name { get; init; }
    [Id(5)] public string? Email { get; init; }
    [Id(6)] public string? TimeZone { get; init; }
    [Id(7)] public DateTimeOffset? ConsentAt { get; init; }
    [Id(8)] public string? ConsentSource { get; init; }
    [Id(9)] public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    [Id(10)] public required LeadStatus Status { get; init; }
    /// <summary>Set while the lead waits in the dial queue; null once it is being dialed or is final.</summary>
    [Id(11)] public DateTimeOffset? NextCallableAt { get; init; }
    [Id(12)] public int Attempts { get; init; }
    [Id(13)] public CallDisposition? Disposition { get; init; }
    /// <summary>Why the lead is where it is, for people (no consent, no zone, exhausted after 3 no-answers…).</summary>
    [Id(14)] public string? StatusReason { get; init; }
    /// <summary>Grows with every change; the table never takes an older picture for a newer one.</summary>
    [Id(15)] public long Revision { get; init; }
    [Id(16)] public required DateTimeOffset ImportedAt { get; init; }
    [Id(17)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Every attempt so far, oldest first.</summary>
    [Id(18)] public IReadOnlyList<LeadAttempt> AttemptLog { get; init; } = [];
    /// <summary>When the campaign last claimed the lead for a dial.</summary>
    [Id(19)] public DateTimeOffset? LastDialedAt { get; init; }

    /// <summary>
    /// The call of the attempt claimed at <paramref name="claimRevision"/>: every claim has its own revision, so a
    /// claim names exactly one call, whoever asks and however often.
    /// </summary>
    public static CallId CallIdFor(LeadId lead, long claimRevision) => Common.PrefixedId.Derive<CallId>($"call:{lead.Value}:{claimRevision}");

    /// <summary>The call of this lead's current claim (meaningful while it is dialing).</summary>
    public CallId CurrentCallId => CallIdFor(LeadId, Revision);

    /// <summary>The lead of <paramref name="phone"/> in <paramref name="campaign"/> always has this id: a re-import merges into it.</summary>
    public static LeadId IdFor(CampaignId campaign, string phone) => Common.PrefixedId.Derive<LeadId>($"lead:{campaign.Value}:{phone}");
}
