namespace VoicePlatform.Agents;

/// <summary>The prompt an agent worker receives: brand, persona, agent and call layers with variables filled in.</summary>
[GenerateSerializer, Immutable, Alias("vp.CompiledInstructions")]
public sealed record CompiledInstructions
{
    [Id(0)] public required string Instructions { get; init; }
    [Id(1)] public string? Greeting { get; init; }
    [Id(2)] public string? VoicemailMessage { get; init; }
    /// <summary>Variables that were referenced and filled.</summary>
    [Id(3)] public required IReadOnlyList<string> UsedVariables { get; init; }
    /// <summary>Variables referenced but not supplied: left as {{name}} in the text, never blanked.</summary>
    [Id(4)] public required IReadOnlyList<string> UnknownVariables { get; init; }
}
