using VoicePlatform.Pricing;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A new price-book version as the operator sends it: every rate in millionths of the currency.</summary>
public sealed record PriceBookRequest(
    long? TelephonyOutboundPerMinuteMicros,
    long? TelephonyInboundPerMinuteMicros,
    long? PlatformPerMinuteMicros,
    IReadOnlyList<SttRateRequest?>? Stt,
    IReadOnlyList<LlmRateRequest?>? Llm,
    IReadOnlyList<TtsRateRequest?>? Tts)
{
    public Dictionary<string, string[]> Validate(out PriceBookRates rates)
    {
        var errors = new Dictionary<string, string[]>();
        rates = new PriceBookRates
        {
            TelephonyOutboundPerMinuteMicros = RateRequests.Required(TelephonyOutboundPerMinuteMicros, "telephonyOutboundPerMinuteMicros", errors),
            TelephonyInboundPerMinuteMicros = RateRequests.Required(TelephonyInboundPerMinuteMicros, "telephonyInboundPerMinuteMicros", errors),
            PlatformPerMinuteMicros = RateRequests.Required(PlatformPerMinuteMicros, "platformPerMinuteMicros", errors),
            Stt = RateRequests.List(Stt, "stt", errors, (r, f, e) => r.ToRate(f, e)),
            Llm = RateRequests.List(Llm, "llm", errors, (r, f, e) => r.ToRate(f, e)),
            Tts = RateRequests.List(Tts, "tts", errors, (r, f, e) => r.ToRate(f, e)),
        };
        PricingRules.Validate(rates, "", errors);
        return errors;
    }
}
