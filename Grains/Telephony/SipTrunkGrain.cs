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
            // Same request again (a retry): answer the same trunk and repair its directory entry.
            if (!current.SameAs(settings)) return WriteResult<SipTrunkView>.Conflict("The trunk already exists with other settings.", [Key.Id.Value]);
            await PublishAsync();
            return WriteResult<SipTrunkView>.Ok(View());
        }

        var now = time.GetUtcNow();
        state.State = new SipTrunkState { Settings = settings, Revision = 1, CreatedAt = now, UpdatedAt = now };
        await state.WriteStateAsync();
        await PublishAsync();
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} created for LiveKit trunk {LiveKitTrunkId}", Key.Id, Key.Tenant, settings.LiveKitTrunkId);
        return WriteResult<SipTrunkView>.Created(View());
    }

    public Task<SipTrunkView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<WriteResult<SipTrunkView>> UpdateAsync(SipTrunkSettings settings, int? expectedRevision)
    {
        TelephonyRules.EnsureValid(settings);
        if (state.State.Settings is not { } current) return WriteResult<SipTrunkView>.NotFound();
        if (expectedRevision is not null && expectedRevision != state.State.Revision) return WriteResult<SipTrunkView>.Stale();
        if (current.SameAs(settings)) return WriteResult<SipTrunkView>.Ok(View());

        state.State = state.State with { Settings = settings, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await PublishAsync();
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} updated to revision {Revision}", Key.Id, Key.Tenant, state.State.Revision);
        return WriteResult<SipTrunkView>.Ok(View());
    }

    public async Task<WriteResult<SipTrunkView>> DeleteAsync(int? expectedRevision)
    {
        if (!state.State.Exists) return WriteResult<SipTrunkView>.NotFound();
        if (expectedRevision is not null && expectedRevision != state.State.Revision) return WriteResult<SipTrunkView>.Stale();

        // The directory goes first: it refuses while numbers use the trunk. A crash before the clear leaves
        // an unlisted trunk that a repeated delete removes.
        var users = await Directory.RemoveTrunkAsync(Key.Id);
        if (users.Count > 0) return WriteResult<SipTrunkView>.Conflict("Numbers still use this trunk; move them to another trunk first.", users);

        var deleted = View();
        await state.ClearStateAsync();
        state.State = new SipTrunkState();
        logger.LogInformation("SIP trunk {TrunkId} of tenant {TenantId} deleted", Key.Id, Key.Tenant);
        return WriteResult<SipTrunkView>.Ok(deleted);
    }

    private Task PublishAsync()
    {
        var settings = state.State.Settings!;
        return Directory.UpsertTrunkAsync(new SipTrunkSummary
        {
            Id = Key.Id,
            Name = settings.Name,
            LiveKitTrunkId = settings.LiveKitTrunkId,
            Numbers = settings.Numbers,
            Status = settings.Status,
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
        };
    }
}
