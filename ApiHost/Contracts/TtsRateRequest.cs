using VoicePlatform.Pricing;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A TTS rate as a client sends it; provider and model may be <c>*</c>.</summary>
public sealed record TtsRateRequest(string? Provider, string? Model, long? PerMillionCharactersMicros)
{
    public TtsRate ToRate(string field, IDictionary<string, string[]> errors) => new()
    {
        Provider = Provider ?? "",
        Model = Model ?? "",
        PerMillionCharactersMicros = RateRequests.Required(PerMillionCharactersMicros, field + ".perMillionCharactersMicros", errors),
    };
}
