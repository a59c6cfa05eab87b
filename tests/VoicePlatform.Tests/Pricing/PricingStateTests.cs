using VoicePlatform.Grains.Pricing;
using VoicePlatform.Pricing;
using VoicePlatform.Silo.Storage;
using static VoicePlatform.Tests.Pricing.PricingTestData;

namespace VoicePlatform.Tests.Pricing;

/// <summary>Pricing state as PostgreSQL stores it: plain JSON without type names, read back unchanged.</summary>
public sealed class PricingStateTests
{
    private static readonly PlainJsonGrainStorageSerializer Serializer = new();
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-23T10:00:00Z");

    [Fact]
    public void PriceBookVersionsRoundTrip()
    {
        var state = new PriceBookState
        {
            Versions =
            [
                new PriceBookVersionEntry { Version = 1, Rates = Book, PublishedAt = At, PublishedBy = "operator", IdempotencyKey = "k" },
                new PriceBookVersionEntry { Version = 2, Rates = Book with { Stt = [] }, PublishedAt = At.AddDays(1), PublishedBy = "operator" },
            ],
        };
        var stored = Serializer.Serialize(state);
        Assert.DoesNotContain("$type", stored.ToString());
        Assert.Contains("\"perAudioMinuteMicros\":10000", stored.ToString());

        var back = Serializer.Deserialize<PriceBookState>(stored);
        Assert.Equal(2, back.Versions.Count);
        Assert.Equal(state.Versions[0] with { Rates = null! }, back.Versions[0] with { Rates = null! });
        Assert.Equal(Book.Stt, back.Versions[0].Rates.Stt);
        Assert.Equal(Book.Llm, back.Versions[0].Rates.Llm);
        Assert.Equal(Book.Tts, back.Versions[0].Rates.Tts);
        Assert.Empty(back.Versions[1].Rates.Stt);
    }

    [Fact]
    public void OverrideRevisionsRoundTrip()
    {
        var overrides = new PricingOverrides
        {
            AdjustmentBasisPoints = -250,
            PlatformPerMinuteMicros = 0,
            Llm = [new LlmRate { Provider = "*", Model = "*", PerMillionInputTokensMicros = 1, PerMillionOutputTokensMicros = 2 }],
        };
        var state = new TenantPricingState
        {
            Revisions = [new OverridesRevisionEntry { Revision = 1, Currency = "EUR", Overrides = overrides, UpdatedAt = At, UpdatedBy = "operator" }],
        };
        var stored = Serializer.Serialize(state);
        Assert.DoesNotContain("VoicePlatform", stored.ToString());

        var back = Assert.Single(Serializer.Deserialize<TenantPricingState>(stored).Revisions);
        Assert.Equal(("EUR", 1, At), (back.Currency, back.Revision, back.UpdatedAt));
        Assert.Equal(-250, back.Overrides.AdjustmentBasisPoints);
        Assert.Equal(0, back.Overrides.PlatformPerMinuteMicros);
        Assert.Null(back.Overrides.TelephonyOutboundPerMinuteMicros);
        Assert.Equal(overrides.Llm, back.Overrides.Llm);
        Assert.Empty(back.Overrides.Stt);
    }
}
