using VoicePlatform.Pricing;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>An LLM rate as a client sends it; provider and model may be <c>*</c>.</summary>
public sealed record LlmRateRequest(string? Provider, string? Model, long? PerMillionInputTokensMicros, long? PerMillionOutputTokensMicros)
{
    public LlmRate ToRate(string field, IDictionary<string, string[]> errors) => new()
    {
        Provider = Provider ?? "",
        Model = Model ?? "",
        PerMillionInputTokensMicros = RateRequests.Required(PerMillionInputTokensMicros, field + ".perMillionInputTokensMicros", errors),
        PerMillionOutputTokensMicros = RateRequests.Required(PerMillionOutputTokensMicros, field + ".perMillionOutputTokensMicros", errors),
    };
}
