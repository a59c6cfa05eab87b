using VoicePlatform.Pricing;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>An STT rate as a client sends it; provider and model may be <c>*</c>.</summary>
public sealed record SttRateRequest(string? Provider, string? Model, long? PerAudioMinuteMicros)
{
    public SttRate ToRate(string field, IDictionary<string, string[]> errors) => new()
    {
        Provider = Provider ?? "",
        Model = Model ?? "",
        PerAudioMinuteMicros = RateRequests.Required(PerAudioMinuteMicros, field + ".perAudioMinuteMicros", errors),
    };
}
