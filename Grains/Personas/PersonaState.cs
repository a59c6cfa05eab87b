using VoicePlatform.Brands;
using VoicePlatform.Personas;

namespace VoicePlatform.Grains.Personas;

[GenerateSerializer, Alias("vp.PersonaState")]
public sealed record PersonaState
{
    [Id(0)] public BrandId? BrandId { get; init; }
    [Id(1)] public PersonaProfile? Profile { get; init; }
    [Id(2)] public string? TemplateId { get; init; }
    [Id(3)] public int Revision { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }
}
