using Microsoft.Extensions.Logging;
using VoicePlatform.ApiKeys;
using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Tenants;

[GrainType("tenant")]
public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Platform)] IPersistentState<TenantState> state,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    public const int MaxApiKeys = 200;

    private TenantId Id => TenantId.Parse(this.GetPrimaryKeyString());

    public async Task<TenantResult> CreateAsync(CreateTenant command)
    {
        TenantRules.EnsureValid(command.Name, command.Settings);
        if (state.State.Exists)
        {
            // Same request again (a retry): answer the same tenant and repair the directory entry in
            // case the first attempt failed after writing the tenant.
            if (state.State.Creation != command) return TenantResult.Conflict;
            await PublishListingAsync();
            return new TenantResult { Outcome = TenantOutcome.Ok, Tenant = Snapshot() };
        }

        var now = time.GetUtcNow();
        state.State = new TenantState
        {
            Name = command.Name,
            Status = TenantStatus.Active,
            Settings = command.Settings,
            CreatedAt = now,
            UpdatedAt = now,
            Creation = command,
        };
        await state.WriteStateAsync();
        await PublishListingAsync();
        logger.LogInformation("Tenant {TenantId} created as {TenantName}", Id, command.Name);
        return new TenantResult { Outcome = TenantOutcome.Created, Tenant = Snapshot() };
    }

    public Task<TenantSnapshot?> GetAsync() => Task.FromResult(state.State.Exists ? Snapshot() : null);

    public async Task<TenantResult> UpdateAsync(UpdateTenant command)
    {
        if (!state.State.Exists) return TenantResult.NotFound;
        var name = command.Name ?? state.State.Name!;
        var settings = command.Settings?.ApplyTo(state.State.Settings) ?? state.State.Settings;
        TenantRules.EnsureValid(name, settings);
        if (name == state.State.Name && settings == state.State.Settings)
            return new TenantResult { Outcome = TenantOutcome.Ok, Tenant = Snapshot() };

        var rulesChanged = !settings.SameCallingRules(state.State.Settings);
        state.State = state.State with { Name = name, Settings = settings, UpdatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await PublishListingAsync();
        // Campaigns keep the tenant's rules while they dial; told now, none dials again under the old ones. (Each also
        // reads them afresh every reminder period, so a campaign that missed this still catches up.)
        if (rulesChanged)
        {
            try
            {
                await GrainFactory.GetCampaignDirectory(Id).TenantCallingRulesChangedAsync();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Tenant {TenantId}: campaigns not told of the new calling rules; each reads them within its reminder period", Id);
            }
        }
        logger.LogInformation("Tenant {TenantId} updated", Id);
        return new TenantResult { Outcome = TenantOutcome.Ok, Tenant = Snapshot() };
    }

    public async Task<TenantResult> SuspendAsync(string reason)
    {
        if (!state.State.Exists) return TenantResult.NotFound;
        if (state.State.Status == TenantStatus.Suspended && state.State.SuspendedReason == reason)
            return new TenantResult { Outcome = TenantOutcome.Ok, Tenant = Snapshot() };

        state.State = state.State with { Status = TenantStatus.Suspended, SuspendedReason = reason, UpdatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await PublishListingAsync();
        logger.LogWarning("Tenant {TenantId} suspended: {Reason}", Id, reason);
        return new TenantResult { Outcome = TenantOutcome.Ok, Tenant = Snapshot() };
    }

    public async Task<TenantResult> ReactivateAsync()
    {
        if (!state.State.Exists) return TenantResult.NotFound;
        if (state.State.Status == TenantStatus.Active)
            return new TenantResult { Outcome = TenantOutcome.Ok, Tenant = Snapshot() };

        state.State = state.State with { Status = TenantStatus.Active, SuspendedReason = null, UpdatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await PublishListingAsync();
        logger.LogInformation("Tenant {TenantId} reactivated", Id);
        return new TenantResult { Outcome = TenantOutcome.Ok, Tenant = Snapshot() };
    }

    public async Task<IssueApiKeyResult> IssueApiKeyAsync(IssueApiKey command)
    {
        if (!state.State.Exists) return IssueApiKeyResult.TenantNotFound;
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > IssueApiKey.MaxNameLength)
            throw new ArgumentException($"name: 1 to {IssueApiKey.MaxNameLength} characters.", nameof(command));
        if (state.State.ApiKeys.Count(k => k.RevokedAt is null) >= MaxApiKeys)
            throw new InvalidOperationException($"A tenant may hold at most {MaxApiKeys} active keys.");

        // The id carries the platform's tag, so API hosts refuse made-up ids without a lookup.
        var policy = await GrainFactory.GetApiKeyIdPolicy().GetAsync();
        var token = ApiKeyToken.NewTagged(policy.TagKey);
        var entry = new TenantApiKeyEntry
        {
            KeyId = token.KeyId,
            Name = command.Name,
            Role = command.Role,
            CreatedAt = time.GetUtcNow(),
            IssuedBy = command.IssuedBy,
        };

        // The tenant records the key before the key grain can authenticate it, so a valid key is never
        // invisible to its tenant (and so never impossible to revoke). A crash in between leaves a
        // listed key that authenticates nothing, which is harmless.
        state.State = state.State with { ApiKeys = [.. state.State.ApiKeys, entry] };
        await state.WriteStateAsync();
        await GrainFactory.GetApiKey(token.KeyId).IssueAsync(new ApiKeyGrant
        {
            TenantId = Id,
            SecretHash = ApiKeyToken.HashSecret(token.Secret),
            Name = entry.Name,
            Role = entry.Role,
            CreatedAt = entry.CreatedAt,
            IssuedBy = entry.IssuedBy,
        });
        logger.LogInformation("API key {KeyId} issued for tenant {TenantId} with role {Role} by {IssuedBy}", token.KeyId, Id, command.Role, command.IssuedBy);
        return new IssueApiKeyResult { Issued = true, Key = Summary(entry, lastUsedAt: null), Token = token.ToString() };
    }

    public Task<IReadOnlyList<ApiKeyId>> ListApiKeyIdsAsync() =>
        Task.FromResult<IReadOnlyList<ApiKeyId>>(state.State.ApiKeys.Select(k => k.KeyId).ToArray());

    public async Task<IReadOnlyList<ApiKeySummary>?> ListApiKeysAsync()
    {
        if (!state.State.Exists) return null;
        // Last-used times live with each key (they change on use); ask the keys in parallel.
        var usage = await Task.WhenAll(state.State.ApiKeys.Select(k => GrainFactory.GetApiKey(k.KeyId).GetAsync(Id)));
        return state.State.ApiKeys
            .Select((entry, i) => Summary(entry, usage[i]?.LastUsedAt))
            .ToList();
    }

    public async Task<bool> RevokeApiKeyAsync(ApiKeyId keyId)
    {
        var entry = state.State.ApiKeys.FirstOrDefault(k => k.KeyId == keyId);
        if (entry is null) return false;
        if (entry.RevokedAt is null)
        {
            var revoked = entry with { RevokedAt = time.GetUtcNow() };
            state.State = state.State with { ApiKeys = state.State.ApiKeys.Select(k => k.KeyId == keyId ? revoked : k).ToList() };
            await state.WriteStateAsync();
            logger.LogInformation("API key {KeyId} of tenant {TenantId} revoked", keyId, Id);
        }
        // Always forward: a retry after a crash between the two writes still reaches the key grain.
        await GrainFactory.GetApiKey(keyId).RevokeAsync(Id);
        return true;
    }

    private Task PublishListingAsync() => GrainFactory.GetTenantDirectory().UpsertAsync(new TenantListing
    {
        Id = Id,
        Name = state.State.Name!,
        Status = state.State.Status,
        CreatedAt = state.State.CreatedAt,
    });

    private TenantSnapshot Snapshot() => new()
    {
        Id = Id,
        Name = state.State.Name!,
        Status = state.State.Status,
        Settings = state.State.Settings,
        SuspendedReason = state.State.SuspendedReason,
        CreatedAt = state.State.CreatedAt,
        UpdatedAt = state.State.UpdatedAt,
    };

    private static ApiKeySummary Summary(TenantApiKeyEntry entry, DateTimeOffset? lastUsedAt) => new()
    {
        KeyId = entry.KeyId,
        Prefix = ApiKeyToken.DisplayPrefix(entry.KeyId),
        Name = entry.Name,
        Role = entry.Role,
        CreatedAt = entry.CreatedAt,
        LastUsedAt = lastUsedAt,
        RevokedAt = entry.RevokedAt,
        IssuedBy = entry.IssuedBy,
    };
}
