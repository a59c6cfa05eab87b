using VoicePlatform.Pricing;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// A tenant's overrides as the operator sends them (PUT replaces them all): an optional adjustment in basis points
/// (+1500 = 15% markup, -1000 = 10% discount) and only the rates that differ from the book.
/// </summary>
public sealed record PricingOverridesRequest(
    int? AdjustmentBasisPoints,
    long? TelephonyOutboundPerMinuteMicros,
    long? TelephonyInboundPerMinuteMicros,
    long? PlatformPerMinuteMicros,
    IReadOnlyList<SttRateRequest?>? Stt,
    IReadOnlyList<LlmRateRequest?>? Llm,
    IReadOnlyList<TtsRateRequest?>? Tts)
{
    public Dictionary<string, string[]> Validate(out PricingOverrides overrides)
    {
        var errors = new Dictionary<string, string[]>();
        overrides = new PricingOverrides
        {
            AdjustmentBasisPoints = AdjustmentBasisPoints ?? 0,
            TelephonyOutboundPerMinuteMicros = TelephonyOutboundPerMinuteMicros,
            TelephonyInboundPerMinuteMicros = TelephonyInboundPerMinuteMicros,
            PlatformPerMinuteMicros = PlatformPerMinuteMicros,
            Stt = RateRequests.List(Stt, "stt", errors, (r, f, e) => r.ToRate(f, e)),
            Llm = RateRequests.List(Llm, "llm", errors, (r, f, e) => r.ToRate(f, e)),
            Tts = RateRequests.List(Tts, "tts", errors, (r, f, e) => r.ToRate(f, e)),
        };
        PricingRules.Validate(overrides, "", errors);
        return errors;
    }
}
