namespace VoicePlatform.Agents;

[GenerateSerializer, Immutable, Alias("vp.TurnDetection")]
public sealed record TurnDetection
{
    [Id(0)] public TurnDetectionMode Mode { get; init; } = TurnDetectionMode.SemanticModel;
    /// <summary>Silence before the turn ends, 100–5000 ms.</summary>
    [Id(1)] public int EndpointingDelayMs { get; init; } = 500;
    /// <summary>Whether the caller may interrupt the agent while it speaks.</summary>
    [Id(2)] public bool AllowInterruptions { get; init; } = true;
}
