using VoicePlatform.Common;
namespace VoicePlatform.Pricing;

/// <summary>
/// Every rate of a price book, in millionths of the currency (micro-units) so no rate needs a fraction. A model
/// entry whose model is <c>*</c> prices every other model of its provider; <c>*</c>/<c>*</c> prices any provider.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.PriceBookRates")]
public sealed record PriceBookRates
{
    /// <summary>Per connected minute of an outbound call (billed per second).</summary>
    [Id(0)] public required long TelephonyOutboundPerMinuteMicros { get; init; }
    /// <summary>Per connected minute of an inbound call (billed per second).</summary>
    [Id(1)] public required long TelephonyInboundPerMinuteMicros { get; init; }
    /// <summary>The platform's own fee per connected minute (billed per second).</summary>
    [Id(2)] public required long PlatformPerMinuteMicros { get; init; }
    [Id(3)] public IReadOnlyList<SttRate> Stt { get; init; } = [];
    [Id(4)] public IReadOnlyList<LlmRate> Llm { get; init; } = [];
    [Id(5)] public IReadOnlyList<TtsRate> Tts { get; init; } = [];

    /// <summary>The same rates, value by value: a repeated publication.</summary>
    public bool SameAs(PriceBookRates other) =>
        this with { Stt = other.Stt, Llm = other.Llm, Tts = other.Tts } == other
        && ValueEquality.Lists(Stt, other.Stt) && ValueEquality.Lists(Llm, other.Llm) && ValueEquality.Lists(Tts, other.Tts);
}
