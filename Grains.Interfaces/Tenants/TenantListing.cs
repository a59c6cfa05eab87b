namespace VoicePlatform.Tenants;

/// <summary>One line of the operator's tenant list.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantListing")]
public sealed record TenantListing
{
    [Id(0)] public required TenantId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required TenantStatus Status { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
}
