using VoicePlatform.Catalog;
using VoicePlatform.Personas;

namespace VoicePlatform.Agents;

/// <summary>An agent as the API shows it; the brand is always its persona's.</summary>
[GenerateSerializer, Immutable, Alias("vp.AgentView")]
public sealed record AgentView
{
    [Id(0)] public required AgentId Id { get; init; }
    [Id(1)] public required PersonaId PersonaId { get; init; }
    [Id(2)] public required BrandBadge Brand { get; init; }
    [Id(3)] public required AgentSettings Settings { get; init; }
    [Id(4)] public required int Revision { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public required DateTimeOffset UpdatedAt { get; init; }
}
