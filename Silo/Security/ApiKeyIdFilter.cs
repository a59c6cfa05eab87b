using VoicePlatform.ApiKeys;
using VoicePlatform.Tenants;

namespace VoicePlatform.Silo.Security;

/// <summary>
/// Tells, without touching the key's grain, whether a presented key id could have been issued by this platform: its tag
/// verifies, or it is one of the keys issued before ids were tagged. The policy is read from the cluster once per host
/// (and again only after a failed read).
/// </summary>
public sealed class ApiKeyIdFilter(IServiceProvider services)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Loaded? _loaded;

    public async ValueTask<bool> MayBeGenuineAsync(ApiKeyId id, CancellationToken cancellationToken)
    {
        var loaded = _loaded ?? await LoadAsync(cancellationToken);
        return ApiKeyIdTag.HasValidTag(id, loaded.TagKey) || loaded.Legacy.Contains(id);
    }

    private async Task<Loaded> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } done) return done;
            var grains = services.GetRequiredService<IGrainFactory>();
            var policy = await grains.GetApiKeyIdPolicy().GetAsync();
            return _loaded = new Loaded(policy.TagKey, policy.LegacyKeyIds.ToHashSet());
        }
        finally
        {
            _loading.Release();
        }
    }

    private sealed record Loaded(byte[] TagKey, HashSet<ApiKeyId> Legacy);
}
