using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GenerateSerializer, Alias("vp.TelephonyClaimState")]
public sealed record TelephonyClaimState
{
    [Id(0)] public TelephonyClaimHolder? Holder { get; init; }
    [Id(1)] public DateTimeOffset? ClaimedAt { get; init; }
    [Id(2)] public IReadOnlyList<TelephonyClaimHolder> Contenders { get; init; } = [];
}
