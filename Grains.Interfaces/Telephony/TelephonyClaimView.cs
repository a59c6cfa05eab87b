namespace VoicePlatform.Telephony;

/// <summary>A claim as the operator sees it: who holds it since when, and which other records asked for it on upgrade.</summary>
[GenerateSerializer, Immutable, Alias("vp.TelephonyClaimView")]
public sealed record TelephonyClaimView
{
    [Id(0)] public required TelephonyClaimKey Key { get; init; }
    [Id(1)] public TelephonyClaimHolder? Holder { get; init; }
    [Id(2)] public DateTimeOffset? ClaimedAt { get; init; }
    /// <summary>Existing records that found the claim held by someone else when claims were introduced.</summary>
    [Id(3)] public IReadOnlyList<TelephonyClaimHolder> Contenders { get; init; } = [];
}
