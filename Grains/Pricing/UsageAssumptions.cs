using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Pricing;

/// <summary>
/// How much AI one connected minute uses when nothing was reported: what quotes (the per-minute price a wallet
/// reserves against) and estimated cost lines assume. Deliberately on the high side, because an under-estimate
/// lets a call run past what the wallet reserved, while an over-estimate only holds a little more for a while.
/// </summary>
public sealed record UsageAssumptions
{
    public static UsageAssumptions Default { get; } = new();

    /// <summary>The recogniser listens to the whole call.</summary>
    public long SttAudioMsPerMinute { get; init; } = CostUnits.AudioMillisecondsPerMinute;

    /// <summary>
    /// Each conversational turn resends the system prompt and the history so far: about six turns a minute over a
    /// prompt of one to two thousand tokens.
    /// </summary>
    public long LlmInputTokensPerMinute { get; init; } = 12_000;

    /// <summary>The agent's replies (about 100 spoken words a minute) plus tool calls.</summary>
    public long LlmOutputTokensPerMinute { get; init; } = 400;

    /// <summary>The agent speaks about half the time at ~150 words a minute, ~6 characters a word with the space, rounded up.</summary>
    public long TtsCharactersPerMinute { get; init; } = 600;

    /// <summary>Units used in <paramref name="seconds"/> at <paramref name="perMinute"/>, rounded up to a whole unit.</summary>
    public static long ForDuration(long perMinute, long seconds) =>
        MoneyMath.DivideRoundUp((Int128)perMinute * seconds, CostUnits.SecondsPerMinute);
}
