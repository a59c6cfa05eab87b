using VoicePlatform.Common;
using VoicePlatform.Agents;
using VoicePlatform.Campaigns;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;

namespace VoicePlatform.Calls;

/// <summary>What to dial: the agent that talks, the callee, optionally the caller id, and the lead's variables.</summary>
[GenerateSerializer, Immutable, Alias("vp.PlaceCall")]
public sealed record PlaceCall
{
    [Id(0)] public required AgentId AgentId { get; init; }
    /// <summary>The callee, E.164.</summary>
    [Id(1)] public required string To { get; init; }
    /// <summary>The tenant's number to present; when absent the agent's or brand's number is used.</summary>
    [Id(2)] public PhoneNumberId? FromNumberId { get; init; }
    [Id(3)] public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    /// <summary>The campaign that placed the call; set by campaign grains, never by the public API.</summary>
    [Id(4)] public CampaignId? CampaignId { get; init; }
    [Id(5)] public LeadId? LeadId { get; init; }

    /// <summary>The same call, whatever the order of its variables: what an idempotent repeat must send.</summary>
    public bool SameAs(PlaceCall other) =>
        this with { Variables = other.Variables } == other && ValueEquality.Dictionaries(Variables, other.Variables);
}
