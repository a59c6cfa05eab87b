using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Calls;

/// <summary>What a call's state remembers about paying for it; block debits are not kept, they are derived.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallBilling")]
public sealed record CallBilling
{
    /// <summary>The limit passed to LiveKit as max_call_duration.</summary>
    [Id(0)] public int? LimitSeconds { get; init; }
    /// <summary>True when that limit came from the wallet, so reaching it is InsufficientFunds, not MaxDurationReached.</summary>
    [Id(1)] public bool LimitedByFunds { get; init; }
    [Id(2)] public bool Settled { get; init; }
    [Id(3)] public CallCost? Cost { get; init; }
    /// <summary>What the wallet could not cover at settlement (minor units).</summary>
    [Id(4)] public long Shortfall { get; init; }
    /// <summary>Block debits beyond the final price, given back at settlement.</summary>
    [Id(5)] public long Refunded { get; init; }
    [Id(6)] public DateTimeOffset? SettledAt { get; init; }
    [Id(7)] public long BilledSeconds { get; init; }
    /// <summary>Block debits in all (minor units).</summary>
    [Id(8)] public long Debited { get; init; }
}
