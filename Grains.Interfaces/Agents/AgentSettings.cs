using VoicePlatform.Common;
namespace VoicePlatform.Agents;

/// <summary>Everything about an agent its owner edits (its persona and brand are fixed at creation).</summary>
[GenerateSerializer, Immutable, Alias("vp.AgentSettings")]
public sealed record AgentSettings
{
    public const int MaxNameLength = 120;
    public const int MaxTextLength = 8000;
    public const int MinCallSeconds = 30;
    public const int MaxCallSeconds = 4 * 3600;

    [Id(0)] public required string Name { get; init; }
    [Id(1)] public AgentDirection Direction { get; init; } = AgentDirection.Outbound;
    [Id(2)] public LlmSettings Llm { get; init; } = new();
    [Id(3)] public SttSettings Stt { get; init; } = new();
    [Id(4)] public TtsSettings Tts { get; init; } = new();
    [Id(5)] public TurnDetection TurnDetection { get; init; } = new();
    /// <summary>The first thing the agent says; may use {{variables}}.</summary>
    [Id(6)] public string? Greeting { get; init; }
    /// <summary>Added after the persona's instructions; may use {{variables}}.</summary>
    [Id(7)] public string? CustomInstructions { get; init; }
    [Id(8)] public int MaxCallDurationSeconds { get; init; } = 900;
    [Id(9)] public VoicemailBehaviour Voicemail { get; init; } = new();
    [Id(10)] public IReadOnlyList<string> EndCallPhrases { get; init; } = [];
    /// <summary>The LiveKit Agents worker name to dispatch (agent_name).</summary>
    [Id(11)] public string LiveKitAgentName { get; init; } = "voiceplatform-agent";
    [Id(12)] public AgentStatus Status { get; init; } = AgentStatus.Draft;

    /// <summary>The same settings, value by value: an idempotent repeat or a no-op update.</summary>
    public bool SameAs(AgentSettings other) =>
        this with { EndCallPhrases = other.EndCallPhrases } == other && ValueEquality.Lists(EndCallPhrases, other.EndCallPhrases);
}
