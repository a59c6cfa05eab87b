namespace VoicePlatform.Tenants;

[GenerateSerializer, Immutable, Alias("vp.UpdateTenant")]
public sealed record UpdateTenant
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public TenantSettingsPatch? Settings { get; init; }
}
