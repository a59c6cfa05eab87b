using VoicePlatform.Tenants;

namespace VoicePlatform.ApiKeys;

[GenerateSerializer, Immutable, Alias("vp.ApiKeyAuthentication")]
public sealed record ApiKeyAuthentication
{
    [Id(0)] public required ApiKeyCheck Check { get; init; }
    [Id(1)] public TenantId TenantId { get; init; }
    [Id(2)] public ApiKeyRole Role { get; init; }

    public static ApiKeyAuthentication Failed(ApiKeyCheck check) => new() { Check = check };
}
