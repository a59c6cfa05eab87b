using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.Pricing;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>OpenAPI examples of the pricing routes, built from the development price book so they stay realistic.</summary>
public static class PricingOpenApiExamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly PriceBookRates Book = DefaultPriceBook.Rates;

    private static readonly PricingOverrides Deal = new()
    {
        AdjustmentBasisPoints = -1000,
        PlatformPerMinuteMicros = 40_000,
        Llm = [new LlmRate { Provider = "openai", Model = "gpt-4o-mini", PerMillionInputTokensMicros = 120_000, PerMillionOutputTokensMicros = 480_000 }],
    };

    public static IEnumerable<KeyValuePair<Type, object>> Samples =>
    [
        new(typeof(PriceBookRequest), new PriceBookRequest(Book.TelephonyOutboundPerMinuteMicros, Book.TelephonyInboundPerMinuteMicros, Book.PlatformPerMinuteMicros,
            Book.Stt.Select(r => new SttRateRequest(r.Provider, r.Model, r.PerAudioMinuteMicros)).ToList(),
            Book.Llm.Select(r => new LlmRateRequest(r.Provider, r.Model, r.PerMillionInputTokensMicros, r.PerMillionOutputTokensMicros)).ToList(),
            Book.Tts.Select(r => new TtsRateRequest(r.Provider, r.Model, r.PerMillionCharactersMicros)).ToList())),
        new(typeof(PricingOverridesRequest), new PricingOverridesRequest(Deal.AdjustmentBasisPoints, null, null, Deal.PlatformPerMinuteMicros, null,
            [new LlmRateRequest("openai", "gpt-4o-mini", 120_000, 480_000)], null)),
        new(typeof(EstimateRequest), new EstimateRequest(PrefixedIdSample, 180)),
        new(typeof(PriceBook), new PriceBook { Currency = "USD", Version = 3, Rates = Book, PublishedAt = At, PublishedBy = "operator" }),
        new(typeof(TenantPricingView), new TenantPricingView
        {
            TenantId = TenantId.FromIdempotencyKey("example"), Revision = 2, Currency = "USD", Overrides = Deal, UpdatedAt = At, UpdatedBy = "operator",
        }),
        new(typeof(EffectivePricing), new EffectivePricing
        {
            Currency = "USD", PriceBookVersion = 3, OverridesRevision = 0,
            Rates = Book with { Stt = Book.Stt.Take(1).ToList(), Llm = Book.Llm.Take(1).ToList(), Tts = Book.Tts.Take(1).ToList() },
        }),
        new(typeof(CallCost), new CallCost
        {
            Currency = "USD", PriceBookVersion = 3, OverridesRevision = 0, Total = 29,
            Components =
            [
                Line(CostComponentKind.Telephony, null, null, 180, CostUnits.Second, 14_000, CostUnits.SecondsPerMinute, 4),
                Line(CostComponentKind.Platform, null, null, 180, CostUnits.Second, 50_000, CostUnits.SecondsPerMinute, 15),
                Line(CostComponentKind.Stt, "deepgram", "nova-3", 180_000, CostUnits.AudioMillisecond, 7_700, CostUnits.AudioMillisecondsPerMinute, 2),
                Line(CostComponentKind.LlmInput, "openai", "gpt-4o-mini", 36_000, CostUnits.Token, 150_000, CostUnits.PerMillion, 1),
                Line(CostComponentKind.LlmOutput, "openai", "gpt-4o-mini", 1_200, CostUnits.Token, 600_000, CostUnits.PerMillion, 0),
                Line(CostComponentKind.Tts, "cartesia", "sonic-2", 1_800, CostUnits.Character, 40_000_000, CostUnits.PerMillion, 7),
            ],
        }),
    ];

    private static string PrefixedIdSample => Common.PrefixedId.Derive<Agents.AgentId>("example").Value;

    private static CostComponent Line(CostComponentKind kind, string? provider, string? model, long quantity, string unit, long rate, long per, long amount) => new()
    {
        Kind = kind, Provider = provider, Model = model, Quantity = quantity, Unit = unit, RateMicros = rate, RatePer = per, Amount = amount,
        Estimated = kind is not (CostComponentKind.Telephony or CostComponentKind.Platform),
    };
}
