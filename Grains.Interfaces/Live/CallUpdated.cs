using VoicePlatform.Calls;

namespace VoicePlatform.Live;

/// <summary>The call as it is now (the same view the API returns): state, times, outcome and cost so far.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallUpdated")]
public sealed record CallUpdated : LiveEventPayload
{
    [Id(0)] public required CallView Call { get; init; }
}
