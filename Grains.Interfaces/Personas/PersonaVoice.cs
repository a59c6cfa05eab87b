namespace VoicePlatform.Personas;

/// <summary>The voice a persona speaks with.</summary>
[GenerateSerializer, Immutable, Alias("vp.PersonaVoice")]
public sealed record PersonaVoice
{
    /// <summary>TTS provider, e.g. cartesia, elevenlabs, openai, deepgram.</summary>
    [Id(0)] public required string Provider { get; init; }
    [Id(1)] public required string VoiceId { get; init; }
    /// <summary>Speaking rate, 0.5–2.0 (1 = normal).</summary>
    [Id(2)] public double Speed { get; init; } = 1.0;
}
