namespace VoicePlatform.Tenants;

[GenerateSerializer, Immutable, Alias("vp.CreateTenant")]
public sealed record CreateTenant
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required TenantSettings Settings { get; init; }
}
