using Microsoft.Extensions.Logging;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Telephony;

[GrainType("sip-trunk")]
public sealed class SipTrunkGrain(
    [PersistentState("sip-trunk", StorageNames.Platform)] IPersistentState<SipTrunkState> state,
    TimeProvider time,
    ILogger<SipTrunkGrain> logger) : Grain, ISipTrunkGrain
{
    private (TenantId Tenant, SipTrunkId Id) Key => TenantScopedKey.Parse<SipTrunkId>(this.GetPrimaryKeyString());

    private ITelephonyDirectoryGrain Directory => GrainFactory.GetTelephonyDirectory(Key.Tenant);

    public async Task<WriteResult<SipTrunkView>> CreateAsync(SipTrunkSettings settings)
    {
        TelephonyRules.EnsureValid(settings);
        if (state.State.Settings is { } current)
        {
            // Same request again (a retry): answer the same trunk and repair its claim and directory entry.
            if (!current.SameAs(settings)) return WriteResult<SipTrunkView>.Conflict("The trunk already exists with other settings.", [Key.Id.Value]);
            await EnsureClaimedAsync();
            await PublishAsync();
            return WriteResult<SipTrunkView>.Ok(View());
        }

        // A LiveKit trunk belongs to at most one tenant: claim it platform-wide before the record says it is ours.
        if (await ClaimAsync(settings.LiveKitTrunkId) is { } claimed) return claimed;
        var now = time.GetUtcNow();
        await state.WriteOrRevertAsync(new SipTrunkState { Settings = settings, Revision = 1, CreatedAt = now, UpdatedAt = now, Claimed = true }, Release(settings.LiveKitTrunkId));
        await PublishAsync();
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} created for LiveKit trunk {LiveKitTrunkId}", Key.Id, Key.Tenant, settings.LiveKitTrunkId);
        return WriteResult<SipTrunkView>.Created(View());
    }

    public Task<SipTrunkView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<WriteResult<SipTrunkView>> UpdateAsync(SipTrunkSettings settings, int? expectedRevision)
    {
        TelephonyRules.EnsureValid(settings);
        if (state.State.Settings is not { } current) return WriteResult<SipTrunkView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<SipTrunkView>.Stale();
        if (current.SameAs(settings))
        {
            await PublishAsync();
            return WriteResult<SipTrunkView>.Ok(View());
        }

        await EnsureClaimedAsync();
        var trunkChanged = settings.LiveKitTrunkId != current.LiveKitTrunkId;
        if (trunkChanged && await ClaimAsync(settings.LiveKitTrunkId) is { } claimed) return claimed;
        var next = state.State with { Settings = settings, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() };
        await state.WriteOrRevertAsync(trunkChanged ? next with { Claimed = true } : next, trunkChanged ? Release(settings.LiveKitTrunkId) : null);
        await PublishAsync();
        if (trunkChanged) await Claim(current.LiveKitTrunkId).ReleaseAsync(Holder);
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} updated to revision {Revision}", Key.Id, Key.Tenant, state.State.Revision);
        return WriteResult<SipTrunkView>.Ok(View());
    }

    public async Task<WriteResult<SipTrunkView>> DeleteAsync(int? expectedRevision)
    {
        if (!state.State.Exists) return WriteResult<SipTrunkView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<SipTrunkView>.Stale();

        // The directory goes first: it refuses while numbers use the trunk. A crash before the clear leaves
        // an unlisted trunk that a repeated delete removes.
        var users = await Directory.RemoveTrunkAsync(Key.Id);
        if (users.Count > 0) return WriteResult<SipTrunkView>.Conflict("Numbers still use this trunk; move them to another trunk first.", users);

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
        };
    }
}
