using Microsoft.Extensions.Logging;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Telephony;

[GrainType("phone-number")]
public sealed class PhoneNumberGrain(
    [PersistentState("phone-number", StorageNames.Platform)] IPersistentState<PhoneNumberState> state,
    TimeProvider time,
    ILogger<PhoneNumberGrain> logger,
    // Optional by design: a silo without LiveKit settings keeps no dispatch rules (its numbers answer nothing).
    LiveKitClient? liveKit = null) : Grain, IPhoneNumberGrain
{
    private (TenantId Tenant, PhoneNumberId Id) Key => TenantScopedKey.Parse<PhoneNumberId>(this.GetPrimaryKeyString());

    private ITelephonyDirectoryGrain Directory => GrainFactory.GetTelephonyDirectory(Key.Tenant);

    public async Task<WriteResult<PhoneNumberView>> CreateAsync(PhoneNumberSettings settings)
    {
        TelephonyRules.EnsureValid(settings);
        if (state.State.Settings is { } current)
        {
            // Same request again (a retry): answer the same number and repair its claim and directory entry.
            if (current != settings) return WriteResult<PhoneNumberView>.Conflict("The number already exists with other settings.", [Key.Id.Value]);
            await EnsureClaimedAsync();
            await PublishAsync();
            await SyncDispatchRuleAsync();
            return WriteResult<PhoneNumberView>.Ok(View());
        }

        if (await CheckReferencesAsync(settings, previous: null) is { } invalid) return invalid;
        // The platform-wide claim first: the number belongs to at most one tenant. Then the tenant's own directory.
        if (await ClaimAsync(settings.Number) is { } claimed) return claimed;
        if (await ReserveAsync(settings.Number) is { } taken)
        {
            await Claim(settings.Number).ReleaseAsync(Holder);
            return taken;
        }

        var now = time.GetUtcNow();
        await state.WriteOrRevertAsync(WithNumber(new PhoneNumberState { Settings = settings, Revision = 1, CreatedAt = now, UpdatedAt = now, Claimed = true }), Release(settings.Number));
        await PublishAsync();
        await SyncDispatchRuleAsync();
        logger.LogInformation("Phone number {NumberId} of tenant {TenantId} created for {RegionCode}{Inbound}", Key.Id, Key.Tenant, state.State.RegionCode,
            state.State.DispatchRuleId is { } rule ? $", answering calls by LiveKit dispatch rule {rule}" : "");
        return WriteResult<PhoneNumberView>.Created(View());
    }

    public Task<PhoneNumberView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<WriteResult<PhoneNumberView>> UpdateAsync(PhoneNumberSettings settings, int? expectedRevision)
    {
        TelephonyRules.EnsureValid(settings);
        if (state.State.Settings is not { } current) return WriteResult<PhoneNumberView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<PhoneNumberView>.Stale();
        if (current == settings)
        {
            await PublishAsync();
            await SyncDispatchRuleAsync();
            return WriteResult<PhoneNumberView>.Ok(View());
        }

        if (await CheckReferencesAsync(settings, current) is { } invalid) return invalid;
        await EnsureClaimedAsync();
        var numberChanged = settings.Number != current.Number;
        if (numberChanged)
        {
            if (await ClaimAsync(settings.Number) is { } claimed) return claimed;
            if (await ReserveAsync(settings.Number) is { } taken)
            {
                await Claim(settings.Number).ReleaseAsync(Holder);
                return taken;
            }
        }

        var next = state.State with { Settings = settings, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() };
        await state.WriteOrRevertAsync(numberChanged ? WithNumber(next) with { Claimed = true } : next, numberChanged ? Release(settings.Number) : null);
        // Publishing the new E.164 frees the old one in the tenant's directory; the old claim goes after the write.
        await PublishAsync();
        await SyncDispatchRuleAsync();
        if (numberChanged) await Claim(current.Number).ReleaseAsync(Holder);
        logger.LogInformation("Phone number {NumberId} of tenant {TenantId} updated to revision {Revision}", Key.Id, Key.Tenant, state.State.Revision);
        return WriteResult<PhoneNumberView>.Ok(View());
    }

    public async Task<WriteResult<PhoneNumberView>> DeleteAsync(int? expectedRevision)
    {
        if (!state.State.Exists)
        {
            // Harmless when there is nothing to forget; repairs a delete that stopped after clearing the state.
            await Directory.RemoveNumberAsync(Key.Id);
            return WriteResult<PhoneNumberView>.NotFound();
        }
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<PhoneNumberView>.Stale();

        var deleted = View();
        // The rule goes first: a number that is deleted must stop bringing calls in.
        await RemoveDispatchRuleAsync();
        await state.ClearOrRevertAsync();
        state.State = new PhoneNumberState();
        await Directory.RemoveNumberAsync(Key.Id);
        // A crash before this leaves an orphaned claim, which the next tenant to ask for the number proves and takes.
        await Claim(deleted.Number).ReleaseAsync(Holder);
        logger.LogInformation("Phone number {NumberId} of tenant {TenantId} deleted", Key.Id, Key.Tenant);
        return WriteResult<PhoneNumberView>.Ok(deleted);
    }

    /// <summary>
    /// Keeps LiveKit's dispatch rule in step with the number: while it is active, claimed and has inbound routing, one
    /// rule takes calls to it into a room of their own per caller (<see cref="InboundRoomName"/>) and dispatches the
    /// inbound agent's worker by name, with a job that names no call and carries no credential — the worker claims this
    /// call's from the platform. Otherwise no rule. A failure is logged and retried by the next write or read-back of
    /// the number: the number's view shows no rule id until LiveKit has it.
    /// </summary>
    private async Task SyncDispatchRuleAsync()
    {
        if (liveKit is null) return;
        var desired = await DesiredRuleAsync();
        var fingerprint = desired is null ? null : $"{desired.Numbers[0]}|{desired.RoomConfig!.Agents![0].AgentName}";
        if (fingerprint == state.State.DispatchRuleFingerprint && (fingerprint is null) == (state.State.DispatchRuleId is null)) return;
        try
        {
            string? ruleId;
            if (desired is null)
            {
                await RemoveDispatchRuleAsync();
                return;
            }
            ruleId = state.State.DispatchRuleId;
            if (ruleId is not null)
            {
                try
                {
                    await liveKit.ReplaceSipDispatchRuleAsync(ruleId, desired);
                }
                catch (LiveKitTwirpException e) when (e.Code == "not_found")
                {
                    ruleId = null;
                }
            }
            if (ruleId is null)
            {
                try
                {
                    ruleId = (await liveKit.CreateSipDispatchRuleAsync(desired)).SipDispatchRuleId;
                }
                catch (LiveKitTwirpException e) when (e.Code == "invalid_argument")
                {
                    // LiveKit has a rule for this number already. One named for this number is ours, from a create whose
                    // answer was lost: taken over. Anyone else's is a conflict, logged below. Listed only here, not on
                    // every save: the list is every rule of the LiveKit project.
                    var ours = (await liveKit.ListSipDispatchRulesAsync()).FirstOrDefault(r => r.Name == desired.Name)?.SipDispatchRuleId;
                    if (ours is null) throw;
                    await liveKit.ReplaceSipDispatchRuleAsync(ours, desired);
                    ruleId = ours;
                }
            }
            await state.WriteOrRevertAsync(state.State with { DispatchRuleId = ruleId, DispatchRuleFingerprint = fingerprint });
            // Debug: the number's own created/updated line follows, and its view shows the rule.
            logger.LogDebug("Phone number {NumberId} of tenant {TenantId} takes inbound calls by LiveKit dispatch rule {RuleId}", Key.Id, Key.Tenant, ruleId);
        }
        catch (LiveKitTwirpException e)
        {
            logger.LogWarning("Phone number {NumberId} of tenant {TenantId}: LiveKit refused its dispatch rule ({Code}): {Message}", Key.Id, Key.Tenant, e.Code, e.Message);
        }
    }

    /// <summary>Deletes the number's rule on LiveKit (already gone is fine); throws <see cref="TelephonyUnavailableException"/> when LiveKit cannot.</summary>
    private async Task RemoveDispatchRuleAsync()
    {
        if (liveKit is null || state.State.DispatchRuleId is not { } ruleId) return;
        try
        {
            await liveKit.DeleteSipDispatchRuleAsync(ruleId);
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
        }
        catch (LiveKitTwirpException e)
        {
            throw new TelephonyUnavailableException($"LiveKit could not remove dispatch rule {ruleId} ({e.Code}); try again.");
        }
        await state.WriteOrRevertAsync(state.State with { DispatchRuleId = null, DispatchRuleFingerprint = null });
        logger.LogInformation("Phone number {NumberId} of tenant {TenantId} no longer takes inbound calls: rule {RuleId} removed", Key.Id, Key.Tenant, ruleId);
    }

    private async Task<LiveKitSipDispatchRule?> DesiredRuleAsync()
    {
        if (state.State.Settings is not { Status: PhoneNumberStatus.Active, Inbound: { } inbound } settings || !state.State.Claimed) return null;
        if (await GrainFactory.GetAgent(Key.Tenant, inbound.AgentId).GetAsync() is not { } agent) return null;
        return InboundDispatchRules.For(Key.Tenant, Key.Id, settings.Number, agent.Settings.LiveKitAgentName);
    }

    public Task<bool> CarriesAsync(TelephonyClaimKey key) =>
        Task.FromResult(key.Kind == TelephonyClaimKind.Number && state.State.Settings?.Number == key.Value);

    public async Task ClaimChangedAsync(TelephonyClaimKey key, bool held)
    {
        if (!await CarriesAsync(key) || state.State.Claimed == held) return;
        await state.WriteOrRevertAsync(state.State with { Claimed = held });
        await PublishAsync();
        logger.LogWarning("Phone number {NumberId} of tenant {TenantId} {Change} the platform claim on its number", Key.Id, Key.Tenant, held ? "was given" : "lost");
    }

    public async Task EnsureClaimedAsync()
    {
        if (state.State.Settings is not { } settings || state.State.Claimed) return;
        var holder = await Claim(settings.Number).ClaimAsync(Holder, existingRecord: true);
        if (holder == Holder) await state.WriteOrRevertAsync(state.State with { Claimed = true });
        else logger.LogError("Phone number {NumberId} of tenant {TenantId} carries a number another record holds; it is not used until the operator decides", Key.Id, Key.Tenant);
        // Either way the directory learns whether the number may be presented.
        await PublishAsync();
    }

    private TelephonyClaimHolder Holder => new() { Tenant = Key.Tenant, RecordId = Key.Id.Value };

    private ITelephonyClaimGrain Claim(string e164) => GrainFactory.GetTelephonyClaim(TelephonyClaimKey.Number(e164));

    /// <summary>Null when this record now holds the number platform-wide; otherwise the conflict to answer.</summary>
    private async Task<WriteResult<PhoneNumberView>?> ClaimAsync(string e164)
    {
        var holder = await Claim(e164).ClaimAsync(Holder, existingRecord: false);
        if (holder == Holder) return null;
        // Another record of this tenant may be named; another tenant is never named, nor is it said that one exists.
        return holder.Tenant == Key.Tenant
            ? WriteResult<PhoneNumberView>.Conflict($"This tenant already has {e164}.", [holder.RecordId])
            : WriteResult<PhoneNumberView>.Conflict($"{e164} cannot be registered: it is already in use on the platform.", []);
    }

    /// <summary>
    /// References must name this tenant's objects; the grain keys carry the tenant, so another tenant's id
    /// finds nothing. Only references that change are checked, so archiving a brand does not freeze its numbers.
    /// </summary>
    private async Task<WriteResult<PhoneNumberView>?> CheckReferencesAsync(PhoneNumberSettings settings, PhoneNumberSettings? previous)
    {
        if (settings.AssignedBrandId is { } brandId && brandId != previous?.AssignedBrandId)
        {
            var brand = await GrainFactory.GetBrand(Key.Tenant, brandId).GetAsync();
            if (brand is null) return WriteResult<PhoneNumberView>.BadReference("assignedBrandId", $"There is no brand '{brandId}' in this tenant.");
            if (brand.Status != BrandStatus.Active) return WriteResult<PhoneNumberView>.BadReference("assignedBrandId", $"The brand '{brandId}' is archived.");
        }
        if (settings.AssignedAgentId is { } agentId && agentId != previous?.AssignedAgentId
            && !await GrainFactory.GetAgent(Key.Tenant, agentId).ExistsAsync())
            return WriteResult<PhoneNumberView>.BadReference("assignedAgentId", $"There is no agent '{agentId}' in this tenant.");
        if (settings.TrunkId is { } trunkId && trunkId != previous?.TrunkId
            && await GrainFactory.GetSipTrunk(Key.Tenant, trunkId).GetAsync() is null)
            return WriteResult<PhoneNumberView>.BadReference("trunkId", $"There is no SIP trunk '{trunkId}' in this tenant.");
        return null;
    }

    /// <summary>The directory serializes the tenant's registrations: the E.164 is ours before our state says so.</summary>
    private async Task<WriteResult<PhoneNumberView>?> ReserveAsync(string e164)
    {
        var holder = await Directory.ReserveNumberAsync(Key.Id, e164);
        return holder == Key.Id ? null : WriteResult<PhoneNumberView>.Conflict($"This tenant already has {e164}.", [holder.Value]);
    }

    /// <summary>The undo of a number reserved in the directory and claimed for a write that failed.</summary>
    private Func<Task> Release(string e164) => async () =>
    {
        await Directory.ReleaseNumberAsync(Key.Id, e164);
        await Claim(e164).ReleaseAsync(Holder);
    };

    private static PhoneNumberState WithNumber(PhoneNumberState next)
    {
        var number = PhoneNumberParser.TryParse(next.Settings!.Number, out var parsed, out _)
            ? parsed
            : throw new ArgumentException("number: not a valid phone number.");
        return next with { RegionCode = number.RegionCode, CountryCode = number.CountryCode, TimeZones = number.TimeZones };
    }

    private Task PublishAsync()
    {
        var settings = state.State.Settings!;
        return Directory.UpsertNumberAsync(new PhoneNumberSummary
        {
            Id = Key.Id,
            Number = settings.Number,
            Label = settings.Label,
            // A record without the platform claim is never presented as a caller id.
            Status = state.State.Claimed || settings.Status == PhoneNumberStatus.Released ? settings.Status : PhoneNumberStatus.Suspended,
            AssignedBrandId = settings.AssignedBrandId,
            AssignedAgentId = settings.AssignedAgentId,
            TrunkId = settings.TrunkId,
        });
    }

    private PhoneNumberView View()
    {
        var settings = state.State.Settings!;
        return new PhoneNumberView
        {
            Id = Key.Id,
            Number = settings.Number,
            Label = settings.Label,
            Status = settings.Status,
            AssignedBrandId = settings.AssignedBrandId,
            AssignedAgentId = settings.AssignedAgentId,
            TrunkId = settings.TrunkId,
            Inbound = settings.Inbound,
            LiveKitDispatchRuleId = state.State.DispatchRuleId,
            RegionCode = state.State.RegionCode,
            CountryCode = state.State.CountryCode,
            TimeZones = state.State.TimeZones,
            Revision = state.State.Revision,
            CreatedAt = state.State.CreatedAt,
            UpdatedAt = state.State.UpdatedAt,
            Claimed = state.State.Claimed,
        };
    }
}
