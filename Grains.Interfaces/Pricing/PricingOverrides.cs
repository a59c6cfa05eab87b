using VoicePlatform.Common;
namespace VoicePlatform.Pricing;

/// <summary>
/// A tenant's deal: custom rates that replace the book's (an omitted per-minute rate, and any provider/model not
/// listed, keeps the book's) and an adjustment in basis points applied to every rate, custom ones included
/// (+1500 is a 15% markup, -1000 a 10% discount).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.PricingOverrides")]
public sealed record PricingOverrides
{
    public static PricingOverrides None { get; } = new();

    /// <summary>Markup (positive) or discount (negative) in hundredths of a percent.</summary>
    [Id(0)] public int AdjustmentBasisPoints { get; init; }
    [Id(1)] public long? TelephonyOutboundPerMinuteMicros { get; init; }
    [Id(2)] public long? TelephonyInboundPerMinuteMicros { get; init; }
    [Id(3)] public long? PlatformPerMinuteMicros { get; init; }
    /// <summary>Each entry replaces the book's entry for the same provider and model, or adds one.</summary>
    [Id(4)] public IReadOnlyList<SttRate> Stt { get; init; } = [];
    [Id(5)] public IReadOnlyList<LlmRate> Llm { get; init; } = [];
    [Id(6)] public IReadOnlyList<TtsRate> Tts { get; init; } = [];

    /// <summary>The same overrides, value by value: a no-op change.</summary>
    public bool SameAs(PricingOverrides other) =>
        this with { Stt = other.Stt, Llm = other.Llm, Tts = other.Tts } == other
        && ValueEquality.Lists(Stt, other.Stt) && ValueEquality.Lists(Llm, other.Llm) && ValueEquality.Lists(Tts, other.Tts);
}
