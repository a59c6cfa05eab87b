using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GrainType("telephony-claim")]
public sealed class TelephonyClaimGrain(
    [PersistentState("telephony-claim", StorageNames.Platform)] IPersistentState<TelephonyClaimState> state,
    IOptions<TelephonyClaimOptions> options,
    TimeProvider time,
    ILogger<TelephonyClaimGrain> logger) : Grain, ITelephonyClaimGrain
{
    private TelephonyClaimKey _key;
    private readonly List<(TelephonyClaimHolder Holder, bool Held)> _pendingNotices = [];
    private IGrainTimer? _noticeTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = TelephonyClaimKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<TelephonyClaimHolder> ClaimAsync(TelephonyClaimHolder holder, bool existingRecord)
    {
        if (state.State.Holder is not { } current)
        {
            await WriteAsync(state.State with { Holder = holder, ClaimedAt = time.GetUtcNow() });
            return holder;
        }
        if (current == holder) return holder;

        if (time.GetUtcNow() - state.State.ClaimedAt >= options.Value.OrphanGrace && !await CarriedByAsync(current))
        {
            // The holder claimed and then never wrote (or moved on and crashed before releasing): the claim is orphaned.
            logger.LogWarning("Claim {Claim} of tenant {TenantId} record {RecordId} was orphaned; released for tenant {NewTenantId}",
                _key, current.Tenant, current.RecordId, holder.Tenant);
            await WriteAsync(state.State with { Holder = holder, ClaimedAt = time.GetUtcNow(), Contenders = Without(holder) });
            return holder;
        }

        if (existingRecord && !state.State.Contenders.Contains(holder))
        {
            // Two tenants' records carried this before claims existed: the operator decides who keeps it.
            await WriteAsync(state.State with { Contenders = [.. state.State.Contenders, holder] });
            await GrainFactory.GetTelephonyClaimConflicts().ReportAsync(_key);
            logger.LogError("Claim {Claim} is contested: held by tenant {TenantId} record {RecordId}, also carried by tenant {OtherTenantId} record {OtherRecordId}",
                _key, current.Tenant, current.RecordId, holder.Tenant, holder.RecordId);
        }
        return current;
    }

    public async Task ReleaseAsync(TelephonyClaimHolder holder)
    {
        if (state.State.Holder != holder) return;
        if (state.State.Contenders.Count == 0)
        {
            await state.ClearStateAsync();
            state.State = new TelephonyClaimState();
        }
        else
        {
            await WriteAsync(state.State with { Holder = null, ClaimedAt = null });
        }
        logger.LogInformation("Claim {Claim} released by tenant {TenantId} record {RecordId}", _key, holder.Tenant, holder.RecordId);
    }

    public Task<TelephonyClaimView> GetAsync() => Task.FromResult(View());

    public async Task<WriteResult<TelephonyClaimView>> ReassignAsync(TelephonyClaimHolder holder)
    {
        if (!await CarriedByAsync(holder)) return WriteResult<TelephonyClaimView>.NotFound();
        var previous = state.State.Holder;
        if (previous != holder || state.State.Contenders.Count > 0)
        {
            await WriteAsync(state.State with { Holder = holder, ClaimedAt = time.GetUtcNow(), Contenders = [] });
            logger.LogWarning("Claim {Claim} reassigned by the operator from tenant {OldTenantId} to tenant {TenantId} record {RecordId}",
                _key, previous?.Tenant, holder.Tenant, holder.RecordId);
        }
        // The operator's decision resolves the conflict; the records learn of it after this turn (see Notify).
        await GrainFactory.GetTelephonyClaimConflicts().ResolvedAsync(_key);
        if (previous is not null && previous != holder) Notify(previous, held: false);
        Notify(holder, held: true);
        return WriteResult<TelephonyClaimView>.Ok(View());
    }

    /// <summary>
    /// Tells records of a reassignment from an interleaving timer, not from the operator's turn: a record may at that
    /// moment be waiting on this very claim, and waiting on it back would deadlock both. Retried until each answers.
    /// </summary>
    private void Notify(TelephonyClaimHolder holder, bool held)
    {
        _pendingNotices.RemoveAll(n => n.Holder == holder);
        _pendingNotices.Add((holder, held));
        _noticeTimer ??= this.RegisterGrainTimer(SendNoticesAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero, Period = TimeSpan.FromSeconds(1), Interleave = true, KeepAlive = true,
        });
    }

    private async Task SendNoticesAsync()
    {
        foreach (var notice in _pendingNotices.ToArray())
        {
            try
            {
                await GrainFactory.GetTelephonyClaimHolder(_key.Kind, notice.Holder).ClaimChangedAsync(_key, notice.Held);
                _pendingNotices.Remove(notice);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Claim {Claim} could not tell tenant {TenantId} record {RecordId}; retrying", _key, notice.Holder.Tenant, notice.Holder.RecordId);
            }
        }
        if (_pendingNotices.Count > 0) return;
        _noticeTimer?.Dispose();
        _noticeTimer = null;
    }

    /// <summary>Whether the record's stored state carries this claim's number or trunk; unsure counts as yes.</summary>
    private async Task<bool> CarriedByAsync(TelephonyClaimHolder holder)
    {
        try
        {
            return await GrainFactory.GetTelephonyClaimHolder(_key.Kind, holder).CarriesAsync(_key);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Claim {Claim} could not ask tenant {TenantId} record {RecordId} whether it still carries it", _key, holder.Tenant, holder.RecordId);
            return true;
        }
    }

    private IReadOnlyList<TelephonyClaimHolder> Without(TelephonyClaimHolder holder) => state.State.Contenders.Where(c => c != holder).ToArray();

    private TelephonyClaimView View() => new()
    {
        Key = _key, Holder = state.State.Holder, ClaimedAt = state.State.ClaimedAt, Contenders = state.State.Contenders,
    };

    private async Task WriteAsync(TelephonyClaimState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
