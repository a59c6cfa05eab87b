using VoicePlatform.Brands;
using VoicePlatform.Personas;

namespace VoicePlatform.Catalog;

[GenerateSerializer, Immutable, Alias("vp.PersonaEntry")]
public sealed record PersonaEntry
{
    [Id(0)] public required PersonaId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required BrandId BrandId { get; init; }
    [Id(3)] public required string Role { get; init; }
}
