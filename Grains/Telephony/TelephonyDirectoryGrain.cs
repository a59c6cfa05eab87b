using Microsoft.Extensions.Logging;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GrainType("telephony-directory")]
public sealed class TelephonyDirectoryGrain(
    [PersistentState("telephony-directory", StorageNames.Platform)] IPersistentState<TelephonyDirectoryState> state,
    ILogger<TelephonyDirectoryGrain> logger) : Grain, ITelephonyDirectoryGrain
{
    public const int MaxPageSize = 200;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<PhoneNumberId> ReserveNumberAsync(PhoneNumberId number, string e164)
    {
        if (state.State.Reservations.TryGetValue(e164, out var holder)) return holder;
        state.State.Reservations[e164] = number;
        await state.WriteStateAsync();
        return number;
    }

    public async Task ReleaseNumberAsync(PhoneNumberId number, string e164)
    {
        var inUse = state.State.Numbers.TryGetValue(number.Value, out var summary) && summary.Number == e164;
        if (inUse || !state.State.Reservations.TryGetValue(e164, out var holder) || holder != number) return;
        state.State.Reservations.Remove(e164);
        await state.WriteStateAsync();
    }

    public async Task UpsertNumberAsync(PhoneNumberSummary number)
    {
        var changed = !state.State.Numbers.TryGetValue(number.Id.Value, out var current) || current != number;
        state.State.Numbers[number.Id.Value] = number;
        if (!state.State.Reservations.TryGetValue(number.Number, out var holder))
        {
            state.State.Reservations[number.Number] = number.Id;
            changed = true;
        }
        else if (holder != number.Id)
        {
            // Cannot happen through the number grain, which reserves first; never take another number's E.164.
            logger.LogError("Number {NumberId} of tenant {TenantId} is stored with an E.164 held by {HolderId}", number.Id, TenantId, holder);
        }
        changed |= ReleaseOtherReservations(number.Id, keep: number.Number);
        if (changed) await state.WriteStateAsync();
    }

    public async Task RemoveNumberAsync(PhoneNumberId number)
    {
        var changed = state.State.Numbers.Remove(number.Value);
        changed |= ReleaseOtherReservations(number, keep: null);
        if (changed) await state.WriteStateAsync();
    }

    public async Task UpsertTrunkAsync(SipTrunkSummary trunk)
    {
        if (state.State.Trunks.TryGetValue(trunk.Id.Value, out var current) && SameTrunk(current, trunk)) return;
        state.State.Trunks[trunk.Id.Value] = trunk;
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<string>> RemoveTrunkAsync(SipTrunkId trunk)
    {
        var users = state.State.Numbers.Values.Where(n => n.TrunkId == trunk).Select(n => n.Id.Value).Order(StringComparer.Ordinal).ToList();
        if (users.Count > 0) return users;
        if (state.State.Trunks.Remove(trunk.Value)) await state.WriteStateAsync();
        return [];
    }

    public Task<Page<SipTrunkSummary>> ListTrunksAsync(string? after, int limit) =>
        Task.FromResult(PageOf(state.State.Trunks, _ => true, after, limit));

    public Task<Page<PhoneNumberSummary>> ListNumbersAsync(PhoneNumberFilter filter, string? after, int limit) =>
        Task.FromResult(PageOf(state.State.Numbers, filter.Matches, after, limit));

    public Task<CallerIdResolution> ResolveCallerIdAsync(PhoneNumberId? preferred, BrandId? brand, AgentId? agent) =>
        Task.FromResult(Resolve(preferred, brand, agent));

    // The rule is documented on ITelephonyDirectoryGrain.ResolveCallerIdAsync. Everything read here is this
    // tenant's: the grain is keyed by the tenant and only this tenant's grains write to it.
    private CallerIdResolution Resolve(PhoneNumberId? preferred, BrandId? brand, AgentId? agent)
    {
        if (preferred is { } wanted)
        {
            if (!state.State.Numbers.TryGetValue(wanted.Value, out var number))
                return CallerIdResolution.None($"'{wanted}' is not one of this tenant's numbers.");
            if (brand is not null && number.AssignedBrandId is { } owner && owner != brand)
                return CallerIdResolution.None($"'{wanted}' is assigned to another brand.");
            if (agent is not null && number.AssignedAgentId is { } user && user != agent)
                return CallerIdResolution.None($"'{wanted}' is assigned to another agent.");
            return Usable(number, out var trunk, out var why) ? CallerIdResolution.Resolved(number, trunk) : CallerIdResolution.None(why);
        }
        if (brand is null && agent is null) return CallerIdResolution.None("No number, brand or agent was given to choose a caller id for.");

        var numbers = state.State.Numbers.Values;
        var forAgent = numbers
            .Where(n => agent is not null && n.AssignedAgentId == agent && (brand is null || n.AssignedBrandId is null || n.AssignedBrandId == brand))
            .OrderBy(n => brand is not null && n.AssignedBrandId == brand ? 0 : 1)
            .ThenBy(n => n.Id.Value, StringComparer.Ordinal);
        var forBrand = numbers
            .Where(n => brand is not null && n.AssignedBrandId == brand && (n.AssignedAgentId is null || n.AssignedAgentId == agent))
            .OrderBy(n => n.AssignedAgentId is null ? 0 : 1)
            .ThenBy(n => n.Id.Value, StringComparer.Ordinal);
        foreach (var number in forAgent.Concat(forBrand))
        {
            if (Usable(number, out var trunk, out _)) return CallerIdResolution.Resolved(number, trunk);
        }
        return CallerIdResolution.None("No active number with an active trunk is assigned to this agent or brand.");
    }

    private bool Usable(PhoneNumberSummary number, out SipTrunkSummary trunk, out string why)
    {
        trunk = null!;
        why = "";
        if (number.Status != PhoneNumberStatus.Active) why = $"'{number.Id}' is not active.";
        else if (number.TrunkId is not { } trunkId || !state.State.Trunks.TryGetValue(trunkId.Value, out trunk!)) why = $"'{number.Id}' has no SIP trunk.";
        else if (trunk.Status != SipTrunkStatus.Active) why = $"The trunk of '{number.Id}' is disabled.";
        else if (trunk.Direction != SipTrunkDirection.Outbound) why = $"The trunk of '{number.Id}' is an inbound trunk; it places no calls.";
        else if (trunk.Numbers.Count > 0 && !trunk.Numbers.Contains(number.Number, StringComparer.Ordinal)) why = $"The trunk of '{number.Id}' may not present {number.Number}.";
        return why.Length == 0;
    }

    private bool ReleaseOtherReservations(PhoneNumberId number, string? keep)
    {
        var stale = state.State.Reservations.Where(r => r.Value == number && r.Key != keep).Select(r => r.Key).ToList();
        foreach (var e164 in stale) state.State.Reservations.Remove(e164);
        return stale.Count > 0;
    }

    private static bool SameTrunk(SipTrunkSummary a, SipTrunkSummary b) =>
        a with { Numbers = b.Numbers } == b && a.Numbers.SequenceEqual(b.Numbers, StringComparer.Ordinal);

    private static Page<T> PageOf<T>(Dictionary<string, T> items, Func<T, bool> filter, string? after, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var page = items
            .Where(i => (after is null || string.CompareOrdinal(i.Key, after) > 0) && filter(i.Value))
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var hasMore = page.Count > limit;
        if (hasMore) page.RemoveAt(limit);
        return new Page<T> { Items = page.Select(i => i.Value).ToList(), Next = hasMore ? page[^1].Key : null };
    }
}
