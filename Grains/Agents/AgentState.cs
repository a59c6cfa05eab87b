using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Personas;

namespace VoicePlatform.Grains.Agents;

[GenerateSerializer, Alias("vp.AgentState")]
public sealed record AgentState
{
    [Id(0)] public PersonaId? PersonaId { get; init; }
    /// <summary>Copied from the persona at creation; a persona never changes brand, so this never goes stale.</summary>
    [Id(1)] public BrandId? BrandId { get; init; }
    [Id(2)] public AgentSettings? Settings { get; init; }
    [Id(3)] public int Revision { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }
}
