using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using VoicePlatform.ApiKeys;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.ApiKeys;

[GrainType("api-key")]
public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Platform)] IPersistentState<ApiKeyState> state,
    TimeProvider time,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    /// <summary>
    /// Last-used times are written at most this often: one durable write per request would cost as much
    /// as the request itself. In between, the fresher time is kept in memory and reported.
    /// </summary>
    public static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _lastUsedInMemory;

    public async Task IssueAsync(ApiKeyGrant grant)
    {
        if (state.State.Grant is { } existing)
        {
            if (existing == grant) return;
            throw new InvalidOperationException("This key id is already issued.");
        }
        state.State = state.State with { Grant = grant };
        await state.WriteStateAsync();
    }

    public async Task<ApiKeyAuthentication> AuthenticateAsync(string secret)
    {
        if (state.State.Grant is not { } grant) return ApiKeyAuthentication.Failed(ApiKeyCheck.UnknownKey);
        var presented = Encoding.ASCII.GetBytes(ApiKeyToken.HashSecret(secret));
        var stored = Encoding.ASCII.GetBytes(grant.SecretHash);
        if (!CryptographicOperations.FixedTimeEquals(presented, stored)) return ApiKeyAuthentication.Failed(ApiKeyCheck.WrongSecret);
        if (state.State.RevokedAt is not null) return ApiKeyAuthentication.Failed(ApiKeyCheck.Revoked);

        var tenant = await GrainFactory.GetTenant(grant.TenantId).GetAsync();
        if (tenant is null || tenant.Status != TenantStatus.Active) return ApiKeyAuthentication.Failed(ApiKeyCheck.TenantSuspended);

        await RecordUseAsync();
        return new ApiKeyAuthentication { Check = ApiKeyCheck.Valid, TenantId = grant.TenantId, Role = grant.Role };
    }

    public Task<ApiKeySummary?> GetAsync(TenantId tenantId)
    {
        if (state.State.Grant is not { } grant || grant.TenantId != tenantId) return Task.FromResult<ApiKeySummary?>(null);
        var keyId = ApiKeyId.TryParse(this.GetPrimaryKeyString(), out var id) ? id : throw new InvalidOperationException("Bad key id.");
        return Task.FromResult<ApiKeySummary?>(new ApiKeySummary
        {
            KeyId = keyId,
            Prefix = ApiKeyToken.DisplayPrefix(keyId),
            Name = grant.Name,
            Role = grant.Role,
            CreatedAt = grant.CreatedAt,
            LastUsedAt = _lastUsedInMemory ?? state.State.LastUsedAt,
            RevokedAt = state.State.RevokedAt,
            IssuedBy = grant.IssuedBy,
        });
    }

    public async Task<bool> RevokeAsync(TenantId tenantId)
    {
        if (state.State.Grant is not { } grant || grant.TenantId != tenantId) return false;
        if (state.State.RevokedAt is not null) return true;
        state.State = state.State with { RevokedAt = time.GetUtcNow(), LastUsedAt = _lastUsedInMemory ?? state.State.LastUsedAt };
        await state.WriteStateAsync();
        logger.LogInformation("API key {KeyId} of tenant {TenantId} revoked", this.GetPrimaryKeyString(), tenantId);
        return true;
    }

    private async Task RecordUseAsync()
    {
        var now = time.GetUtcNow();
        _lastUsedInMemory = now;
        if (state.State.LastUsedAt is { } persisted && now - persisted < LastUsedWriteInterval) return;
        state.State = state.State with { LastUsedAt = now };
        await state.WriteStateAsync();
    }
}
