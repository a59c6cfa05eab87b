using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Brands;

/// <summary>One white-label brand of a tenant. Keyed by <see cref="TenantScopedKey"/> (tenant/brand).</summary>
[Alias("vp.IBrandGrain")]
public interface IBrandGrain : IGrainWithStringKey
{
    /// <summary>Creates the brand; repeating the same create answers the same brand.</summary>
    Task<WriteResult<BrandView>> CreateAsync(BrandProfile profile);

    /// <summary>The brand, or null when it does not exist in this tenant.</summary>
    [ReadOnly]
    Task<BrandView?> GetAsync();

    /// <summary>Replaces the profile if <paramref name="expectedRevision"/> is null or current.</summary>
    Task<WriteResult<BrandView>> UpdateAsync(BrandProfile profile, int? expectedRevision);

    /// <summary>Creates brand <paramref name="cloneId"/> with this brand's profile (and a new name).</summary>
    Task<WriteResult<BrandView>> CloneAsync(BrandId cloneId, string? companyName);

    /// <summary>Archives the brand unless personas, agents or campaigns still use it (Conflict lists them).</summary>
    Task<WriteResult<BrandView>> ArchiveAsync(int? expectedRevision);
}
