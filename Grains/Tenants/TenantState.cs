using VoicePlatform.ApiKeys;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Tenants;

/// <summary>A tenant's stored state. Small on purpose: the key list holds ids and names, not usage.</summary>
[GenerateSerializer, Alias("vp.TenantState")]
public sealed record TenantState
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public TenantStatus Status { get; init; }
    [Id(2)] public TenantSettings Settings { get; init; } = TenantSettings.Default;
    [Id(3)] public string? SuspendedReason { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The create request that made this tenant, so a retried create is recognised.</summary>
    [Id(6)] public CreateTenant? Creation { get; init; }

    [Id(7)] public IReadOnlyList<TenantApiKeyEntry> ApiKeys { get; init; } = [];

    public bool Exists => Name is not null;
}
