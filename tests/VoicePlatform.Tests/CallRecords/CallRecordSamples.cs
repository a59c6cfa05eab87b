using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.CallRecords;

/// <summary>Records, events and segments for the store tests: valid by default, changed with <c>with</c>.</summary>
public static class CallRecordSamples
{
    /// <summary>A whole-microsecond instant, so values read back exactly from either store.</summary>
    public static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static CallRecord Record(TenantId tenant, DateTimeOffset? queuedAt = null, long revision = 1,
        CallStatus status = CallStatus.Queued, AgentId? agent = null, CampaignId? campaign = null) => new()
    {
        TenantId = tenant,
        CallId = PrefixedId.New<CallId>(),
        Revision = revision,
        AgentId = agent ?? PrefixedId.New<AgentId>(),
        CampaignId = campaign,
        To = "+15125550123",
        From = "+15125550100",
        Status = status,
        QueuedAt = queuedAt ?? Noon,
    };

    public static CallEvent Event(string key, string detail = "{}") => new()
    {
        Key = key,
        At = Noon.AddSeconds(1),
        Type = CallEventTypes.StatusChanged,
        Detail = detail,
    };

    public static TranscriptSegment Segment(string id, string text, bool final = false, long startMs = 0) => new()
    {
        Id = id,
        Speaker = Speaker.Callee,
        Text = text,
        StartMs = startMs,
        EndMs = startMs + 500,
        Final = final,
    };
}
