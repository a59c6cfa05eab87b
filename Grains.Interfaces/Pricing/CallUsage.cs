using VoicePlatform.Calls;

namespace VoicePlatform.Pricing;

/// <summary>What to price for one call: the billed connected time and the AI usage the agent worker reported.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallUsage")]
public sealed record CallUsage
{
    /// <summary>Connected (answered) seconds; telephony and the platform fee are billed per second of this.</summary>
    [Id(0)] public required long BilledSeconds { get; init; }
    /// <summary>Reported usage; a kind with no item is estimated from the duration and marked estimated.</summary>
    [Id(1)] public IReadOnlyList<UsageItem> Items { get; init; } = [];
}
