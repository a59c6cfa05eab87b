using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Security;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Telephony;

/// <summary>
/// One SIP trunk of a tenant: an existing LiveKit trunk attached after checking LiveKit has it, or one the platform
/// creates, updates and deletes on LiveKit itself (<see cref="LiveKitTrunks"/>) from a provider's settings. The SIP
/// password of a provisioned trunk is write-only: encrypted in the state, decrypted only to give LiveKit, never in a view.
/// </summary>
[GrainType("sip-trunk")]
public sealed class SipTrunkGrain(
    [PersistentState("sip-trunk", StorageNames.Platform)] IPersistentState<SipTrunkState> state,
    TimeProvider time,
    ILogger<SipTrunkGrain> logger,
    SecretProtector secrets,
    // Optional by design: a silo without LiveKit settings attaches trunks unchecked and provisions none.
    LiveKitClient? liveKit = null) : Grain, ISipTrunkGrain
{
    private const string PasswordField = "provider.authPassword";

    private (TenantId Tenant, SipTrunkId Id) Key => TenantScopedKey.Parse<SipTrunkId>(this.GetPrimaryKeyString());

    private ITelephonyDirectoryGrain Directory => GrainFactory.GetTelephonyDirectory(Key.Tenant);

    private LiveKitTrunks? OnLiveKit => liveKit is null ? null : new LiveKitTrunks(liveKit, Key.Tenant, Key.Id);

    /// <summary>What the password is bound to: a ciphertext copied onto another trunk does not decrypt there.</summary>
    private string SecretContext => $"sip-trunk:{Key.Tenant.Value}:{Key.Id.Value}";

    public async Task<WriteResult<SipTrunkView>> CreateAsync(SipTrunkSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        TelephonyRules.Validate(settings, errors);
        Validation.ThrowIfAny(errors);
        if (state.State.Settings is { } current)
        {
            // Same request again (a retry): answer the same trunk and repair its claim and directory entry.
            var same = current.SameAs(settings with { LiveKitTrunkId = settings.Provisioned ? current.LiveKitTrunkId : settings.LiveKitTrunkId }) && SamePassword(settings.AuthPassword);
            if (!same) return WriteResult<SipTrunkView>.Conflict("The trunk already exists with other settings.", [Key.Id.Value]);
            await EnsureClaimedAsync();
            await PublishAsync();
            return WriteResult<SipTrunkView>.Ok(View());
        }

        string? encrypted = null;
        if (settings.AuthPassword is { } password)
        {
            if (!secrets.IsConfigured)
                return WriteResult<SipTrunkView>.BadReference(PasswordField, "This platform has no Secrets:EncryptionKey, so it cannot keep SIP passwords; ask the operator to configure one.");
            encrypted = secrets.Protect(password.Value, SecretContext);
        }

        if (settings.Provisioned)
        {
            if (OnLiveKit is not { } onLiveKit) return WriteResult<SipTrunkView>.BadReference("provider", "This platform has no LiveKit settings, so it cannot create trunks there.");
            var created = await OnLiveKitAsync(() => onLiveKit.CreateAsync(settings, settings.AuthPassword?.Value), "create the trunk");
            settings = settings with { LiveKitTrunkId = created };
        }
        else if (OnLiveKit is { } onLiveKit && !await OnLiveKitAsync(() => onLiveKit.ExistsAsync(settings.LiveKitTrunkId, settings.Direction), "look the trunk up"))
        {
            return WriteResult<SipTrunkView>.BadReference("liveKitTrunkId", $"LiveKit has no {settings.Direction.ToString().ToLowerInvariant()} trunk {settings.LiveKitTrunkId}.");
        }

        // A LiveKit trunk belongs to at most one tenant: claim it platform-wide before the record says it is ours.
        if (await ClaimAsync(settings.LiveKitTrunkId) is { } claimed) return claimed;
        var now = time.GetUtcNow();
        var stored = settings with { AuthPassword = null };
        await state.WriteOrRevertAsync(new SipTrunkState { Settings = stored, Revision = 1, CreatedAt = now, UpdatedAt = now, Claimed = true, EncryptedAuthPassword = encrypted },
            Release(settings.LiveKitTrunkId));
        await PublishAsync();
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} created ({Direction}, {Mode}) for LiveKit trunk {LiveKitTrunkId}",
            Key.Id, Key.Tenant, settings.Direction, settings.Provisioned ? "provisioned" : "attached", settings.LiveKitTrunkId);
        return WriteResult<SipTrunkView>.Created(View());
    }

    public Task<SipTrunkView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<WriteResult<SipTrunkView>> UpdateAsync(SipTrunkSettings settings, int? expectedRevision)
    {
        var errors = new Dictionary<string, string[]>();
        TelephonyRules.Validate(settings, errors);
        Validation.ThrowIfAny(errors);
        if (state.State.Settings is not { } current) return WriteResult<SipTrunkView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<SipTrunkView>.Stale();
        if (settings.Direction != current.Direction)
            return WriteResult<SipTrunkView>.BadReference("direction", "A trunk's direction cannot change; create another trunk.");
        if (settings.Provisioned != current.Provisioned)
            return WriteResult<SipTrunkView>.BadReference(current.Provisioned ? "liveKitTrunkId" : "provider",
                "A trunk the platform provisions stays provisioned, and an attached one stays attached; create another trunk.");
        if (settings.Provisioned) settings = settings with { LiveKitTrunkId = current.LiveKitTrunkId };
        if (current.SameAs(settings) && (settings.AuthPassword is null || SamePassword(settings.AuthPassword)))
        {
            await PublishAsync();
            return WriteResult<SipTrunkView>.Ok(View());
        }

        // A new password replaces the kept one; none given keeps it — unless the user went, which takes the password with it.
        var encrypted = settings.Provider?.AuthUsername is null && settings.AuthPassword is null ? null : state.State.EncryptedAuthPassword;
        if (settings.AuthPassword is { } password)
        {
            if (!secrets.IsConfigured)
                return WriteResult<SipTrunkView>.BadReference(PasswordField, "This platform has no Secrets:EncryptionKey, so it cannot keep SIP passwords; ask the operator to configure one.");
            encrypted = secrets.Protect(password.Value, SecretContext);
        }

        await EnsureClaimedAsync();
        var trunkChanged = settings.LiveKitTrunkId != current.LiveKitTrunkId;
        if (settings.Provisioned && OnLiveKit is { } provisioned)
        {
            // LiveKit first: if it refuses, nothing changed here either.
            var plain = encrypted is null ? null : secrets.Unprotect(encrypted, SecretContext);
            await OnLiveKitAsync(async () => { await provisioned.UpdateAsync(current.LiveKitTrunkId, settings, plain); return true; }, "update the trunk");
        }
        else if (trunkChanged && OnLiveKit is { } attached && !await OnLiveKitAsync(() => attached.ExistsAsync(settings.LiveKitTrunkId, settings.Direction), "look the trunk up"))
        {
            return WriteResult<SipTrunkView>.BadReference("liveKitTrunkId", $"LiveKit has no {settings.Direction.ToString().ToLowerInvariant()} trunk {settings.LiveKitTrunkId}.");
        }

        if (trunkChanged && await ClaimAsync(settings.LiveKitTrunkId) is { } claimed) return claimed;
        var next = state.State with
        {
            Settings = settings with { AuthPassword = null },
            EncryptedAuthPassword = encrypted,
            Revision = state.State.Revision + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        await state.WriteOrRevertAsync(trunkChanged ? next with { Claimed = true } : next, trunkChanged ? Release(settings.LiveKitTrunkId) : null);
        await PublishAsync();
        if (trunkChanged) await Claim(current.LiveKitTrunkId).ReleaseAsync(Holder);
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} updated to revision {Revision}", Key.Id, Key.Tenant, state.State.Revision);
        return WriteResult<SipTrunkView>.Ok(View());
    }

    public async Task<WriteResult<SipTrunkView>> DeleteAsync(int? expectedRevision)
    {
        if (state.State.Settings is not { } settings) return WriteResult<SipTrunkView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<SipTrunkView>.Stale();

        // Campaigns dialing through it first (they only read the trunk), then the directory, which refuses while numbers
        // use the trunk. A crash before the clear leaves an unlisted trunk that a repeated delete removes.
        var campaigns = await GrainFactory.GetCampaignDirectory(Key.Tenant).UsingTrunkAsync(Key.Id);
        if (campaigns.Count > 0)
            return WriteResult<SipTrunkView>.Conflict("Campaigns still dial through this trunk; finish, cancel or move them first.", campaigns.Select(c => c.Value).ToList());
        var users = await Directory.RemoveTrunkAsync(Key.Id);
        if (users.Count > 0) return WriteResult<SipTrunkView>.Conflict("Numbers still use this trunk; move them to another trunk first.", users);

        // A trunk the platform made goes from LiveKit too, before the record: a failure leaves the record to delete again.
        if (settings.Provisioned && OnLiveKit is { } onLiveKit)
        {
            try
            {
                await OnLiveKitAsync(async () => { await onLiveKit.DeleteAsync(settings.LiveKitTrunkId); return true; }, "delete the trunk");
            }
            catch (TelephonyUnavailableException)
            {
                await PublishAsync();
                throw;
            }
        }

        var deleted = View();
        // Undo: the directory lists the trunk again, so numbers can keep using it.
        await state.ClearOrRevertAsync(PublishAsync);
        state.State = new SipTrunkState();
        // A crash before this leaves an orphaned claim, which the next tenant to ask for the trunk proves and takes.
        await Claim(deleted.LiveKitTrunkId).ReleaseAsync(Holder);
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} deleted", Key.Id, Key.Tenant);
        return WriteResult<SipTrunkView>.Ok(deleted);
    }

    public Task<bool> CarriesAsync(TelephonyClaimKey key) =>
        Task.FromResult(key.Kind == TelephonyClaimKind.LiveKitTrunk && state.State.Settings?.LiveKitTrunkId == key.Value);

    public async Task ClaimChangedAsync(TelephonyClaimKey key, bool held)
    {
        if (!await CarriesAsync(key) || state.State.Claimed == held) return;
        await state.WriteOrRevertAsync(state.State with { Claimed = held });
        await PublishAsync();
        logger.LogWarning("SIP trunk {TrunkId} of tenant {TenantId} {Change} the platform claim on its LiveKit trunk", Key.Id, Key.Tenant, held ? "was given" : "lost");
    }

    public async Task EnsureClaimedAsync()
    {
        if (state.State.Settings is not { } settings || state.State.Claimed) return;
        var holder = await Claim(settings.LiveKitTrunkId).ClaimAsync(Holder, existingRecord: true);
        if (holder == Holder) await state.WriteOrRevertAsync(state.State with { Claimed = true });
        else logger.LogError("SIP trunk {TrunkId} of tenant {TenantId} carries a LiveKit trunk another record holds; it places no calls until the operator decides", Key.Id, Key.Tenant);
        await PublishAsync();
    }

    /// <summary>Whether <paramref name="password"/> is the kept one (null matches no kept password).</summary>
    private bool SamePassword(SipSecret? password)
    {
        if (password is null || state.State.EncryptedAuthPassword is not { } kept) return password is null && state.State.EncryptedAuthPassword is null;
        try
        {
            return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secrets.Unprotect(kept, SecretContext)), System.Text.Encoding.UTF8.GetBytes(password.Value));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>A LiveKit request whose failure (other than the answers it expects) is the API's 503: nothing was changed here.</summary>
    private async Task<T> OnLiveKitAsync<T>(Func<Task<T>> request, string what)
    {
        try
        {
            return await request();
        }
        catch (LiveKitTwirpException e)
        {
            logger.LogWarning("SIP trunk {TrunkId} of tenant {TenantId}: LiveKit could not {What} ({Code})", Key.Id, Key.Tenant, what, e.Code);
            throw new TelephonyUnavailableException($"LiveKit could not {what} ({e.Code}: {e.Message}); nothing was changed. Try again.");
        }
    }

    private TelephonyClaimHolder Holder => new() { Tenant = Key.Tenant, RecordId = Key.Id.Value };

    private ITelephonyClaimGrain Claim(string liveKitTrunkId) => GrainFactory.GetTelephonyClaim(TelephonyClaimKey.LiveKitTrunk(liveKitTrunkId));

    private async Task<WriteResult<SipTrunkView>?> ClaimAsync(string liveKitTrunkId)
    {
        var holder = await Claim(liveKitTrunkId).ClaimAsync(Holder, existingRecord: false);
        if (holder == Holder) return null;
        return holder.Tenant == Key.Tenant
            ? WriteResult<SipTrunkView>.Conflict($"Another trunk of this tenant already uses LiveKit trunk {liveKitTrunkId}.", [holder.RecordId])
            : WriteResult<SipTrunkView>.Conflict($"LiveKit trunk {liveKitTrunkId} cannot be registered: it is already in use on the platform.", []);
    }

    /// <summary>The undo of a claim taken for a write that failed.</summary>
    private Func<Task> Release(string liveKitTrunkId) => () => Claim(liveKitTrunkId).ReleaseAsync(Holder);

    private Task PublishAsync()
    {
        var settings = state.State.Settings!;
        return Directory.UpsertTrunkAsync(new SipTrunkSummary
        {
            Id = Key.Id,
            Name = settings.Name,
            LiveKitTrunkId = settings.LiveKitTrunkId,
            Numbers = settings.Numbers,
            // A record without the platform claim places no calls.
            Status = state.State.Claimed ? settings.Status : SipTrunkStatus.Disabled,
            Direction = settings.Direction,
        });
    }

    private SipTrunkView View()
    {
        var settings = state.State.Settings!;
        return new SipTrunkView
        {
            Id = Key.Id,
            LiveKitTrunkId = settings.LiveKitTrunkId,
            Name = settings.Name,
            Numbers = settings.Numbers,
            MaxConcurrentCalls = settings.MaxConcurrentCalls,
            CallsPerSecond = settings.CallsPerSecond,
            Status = settings.Status,
            Revision = state.State.Revision,
            CreatedAt = state.State.CreatedAt,
            UpdatedAt = state.State.UpdatedAt,
            Claimed = state.State.Claimed,
            Direction = settings.Direction,
            Provider = settings.Provider,
            HasAuthPassword = state.State.EncryptedAuthPassword is not null,
        };
    }
}
