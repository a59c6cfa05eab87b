using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Personas;

namespace VoicePlatform.Catalog;

[GenerateSerializer, Immutable, Alias("vp.AgentEntry")]
public sealed record AgentEntry
{
    [Id(0)] public required AgentId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required PersonaId PersonaId { get; init; }
    /// <summary>Always the persona's brand: the catalog refuses any other.</summary>
    [Id(3)] public required BrandId BrandId { get; init; }
    [Id(4)] public required AgentStatus Status { get; init; }
    [Id(5)] public required AgentDirection Direction { get; init; }
}
