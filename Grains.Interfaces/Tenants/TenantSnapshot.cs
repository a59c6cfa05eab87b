namespace VoicePlatform.Tenants;

/// <summary>What the API shows of a tenant.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantSnapshot")]
public sealed record TenantSnapshot
{
    [Id(0)] public required TenantId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required TenantStatus Status { get; init; }
    [Id(3)] public required TenantSettings Settings { get; init; }
    [Id(4)] public string? SuspendedReason { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public required DateTimeOffset UpdatedAt { get; init; }
}
