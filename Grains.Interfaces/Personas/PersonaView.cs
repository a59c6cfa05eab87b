using VoicePlatform.Brands;
using VoicePlatform.Catalog;

namespace VoicePlatform.Personas;

/// <summary>A persona as the API shows it: its brand badge and how many agents use it.</summary>
[GenerateSerializer, Immutable, Alias("vp.PersonaView")]
public sealed record PersonaView
{
    [Id(0)] public required PersonaId Id { get; init; }
    [Id(1)] public required BrandBadge Brand { get; init; }
    [Id(2)] public required PersonaProfile Profile { get; init; }
    /// <summary>The library template it was copied from, if any.</summary>
    [Id(3)] public string? TemplateId { get; init; }
    [Id(4)] public required int AgentCount { get; init; }
    [Id(5)] public required int Revision { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public required DateTimeOffset UpdatedAt { get; init; }

    public BrandId BrandId => Brand.Id;
}
