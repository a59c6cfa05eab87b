using VoicePlatform.Brands;
using VoicePlatform.Common;

namespace VoicePlatform.Tests.Telephony;

/// <summary>
/// An in-memory brand for the telephony tests until the real brand grain lands on this branch; delete it
/// then (two implementations of <see cref="IBrandGrain"/> cannot coexist).
/// </summary>
[GrainType("test-stand-in-brand")]
public sealed class StandInBrandGrain : Grain, IBrandGrain
{
    private BrandView? brand;

    public Task<WriteResult<BrandView>> CreateAsync(BrandProfile profile)
    {
        var now = DateTimeOffset.UtcNow;
        var id = TenantScopedKey.Parse<BrandId>(this.GetPrimaryKeyString()).Id;
        brand ??= new BrandView { Id = id, Profile = profile, Status = BrandStatus.Active, Revision = 1, CreatedAt = now, UpdatedAt = now };
        return Task.FromResult(WriteResult<BrandView>.Created(brand));
    }

    public Task<BrandView?> GetAsync() => Task.FromResult(brand);

    public Task<WriteResult<BrandView>> UpdateAsync(BrandProfile profile, int? expectedRevision) => throw new NotSupportedException();

    public Task<WriteResult<BrandView>> ArchiveAsync(int? expectedRevision)
    {
        if (brand is null) return Task.FromResult(WriteResult<BrandView>.NotFound());
        brand = brand with { Status = BrandStatus.Archived };
        return Task.FromResult(WriteResult<BrandView>.Ok(brand));
    }
}
