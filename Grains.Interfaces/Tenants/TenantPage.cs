namespace VoicePlatform.Tenants;

[GenerateSerializer, Immutable, Alias("vp.TenantPage")]
public sealed record TenantPage
{
    [Id(0)] public required IReadOnlyList<TenantListing> Items { get; init; }

    /// <summary>Pass as <c>after</c> to read the next page; null on the last page.</summary>
    [Id(1)] public string? Next { get; init; }
}
