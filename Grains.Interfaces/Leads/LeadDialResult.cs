using VoicePlatform.Calls;

namespace VoicePlatform.Leads;

[GenerateSerializer, Immutable, Alias("vp.LeadDialResult")]
public sealed record LeadDialResult(
    [property: Id(0)] LeadDialVerdict Verdict,
    [property: Id(1)] CallId? CallId,
    [property: Id(2)] string? Detail);
