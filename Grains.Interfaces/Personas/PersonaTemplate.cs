namespace VoicePlatform.Personas;

/// <summary>A ready-made persona from the platform's library, copied into a brand on request.</summary>
[GenerateSerializer, Immutable, Alias("vp.PersonaTemplate")]
public sealed record PersonaTemplate
{
    /// <summary>Stable slug, e.g. "receptionist".</summary>
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    /// <summary>One or two sentences on when to use it.</summary>
    [Id(2)] public required string Summary { get; init; }
    [Id(3)] public required PersonaProfile Profile { get; init; }
}
