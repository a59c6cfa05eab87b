using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GenerateSerializer, Alias("vp.TelephonyClaimConflictsState")]
public sealed record TelephonyClaimConflictsState
{
    [Id(0)] public IReadOnlyList<TelephonyClaimKey> Contested { get; init; } = [];
    [Id(1)] public bool Backfilled { get; init; }
}
