using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>
/// A tenant's concurrency cap and each trunk's channel and calls-per-second limits, shared fairly among its running
/// campaigns, free of Orleans. Each campaign reports its live calls with every request, so the budget heals itself
/// (a campaign that stops asking is forgotten after <see cref="ForgetAfter"/>). Fair means water-filling: every
/// campaign may hold up to an equal share of a limit, and a share a campaign does not need is spread over the others,
/// so one busy campaign cannot starve another — it only gets the slots the others leave.
/// </summary>
public sealed class TenantDialBudget
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(2);

    private readonly Dictionary<CampaignId, Demand> _campaigns = [];
    private readonly Dictionary<SipTrunkId, (double Tokens, DateTimeOffset FilledAt)> _trunkRates = [];

    private sealed record Demand(int Live, int Wanted, SipTrunkId? Trunk, DateTimeOffset At);

    /// <summary>Live calls the budget counts for the campaigns it knows (for diagnostics and tests).</summary>
    public int LiveCalls => _campaigns.Values.Sum(d => d.Live);

    public DialGrant Request(DialRequest request, int tenantCap, DateTimeOffset now)
    {
        Forget(now);
        _campaigns[request.Campaign] = new Demand(request.LiveNow, request.Wanted, request.Trunk?.Trunk, now);
        var wanted = Math.Max(0, request.Wanted);
        if (wanted == 0) return new DialGrant(0, DialLimit.None, null);

        var granted = wanted;
        var limit = DialLimit.None;
        var byTenant = Allowed(request.Campaign, _campaigns, tenantCap);
        if (byTenant < granted) (granted, limit) = (byTenant, DialLimit.TenantConcurrency);
        TimeSpan? retryAfter = null;
        if (request.Trunk is { } trunk)
        {
            var sharing = _campaigns.Where(c => c.Value.Trunk == trunk.Trunk).ToDictionary();
            var byChannels = Allowed(request.Campaign, sharing, trunk.MaxConcurrentCalls);
            if (byChannels < granted) (granted, limit) = (byChannels, DialLimit.TrunkConcurrency);
            var (tokens, wait) = RateTokens(trunk, now);
            if (tokens < granted)
            {
                (granted, limit) = (tokens, DialLimit.TrunkCallsPerSecond);
                retryAfter = wait;
            }
            Spend(trunk.Trunk, granted);
        }
        granted = Math.Max(0, granted);
        // The grant counts as live until the campaign's next report says what became of it.
        _campaigns[request.Campaign] = _campaigns[request.Campaign] with { Live = request.LiveNow + granted, Wanted = wanted - granted };
        return new DialGrant(granted, granted < wanted ? limit : DialLimit.None, retryAfter);
    }

    /// <summary>A campaign's live calls when it wants nothing (a call ended): frees its slots for the others at once.</summary>
    public void Report(CampaignId campaign, int liveNow, SipTrunkId? trunk, DateTimeOffset now)
    {
        Forget(now);
        if (liveNow == 0) _campaigns.Remove(campaign);
        else _campaigns[campaign] = new Demand(liveNow, 0, trunk, now);
    }

    /// <summary>
    /// How many more calls <paramref name="campaign"/> may start under <paramref name="cap"/> shared by
    /// <paramref name="sharing"/>: its water-filled share less what it holds, and never past the cap in all.
    /// </summary>
    private static int Allowed(CampaignId campaign, IReadOnlyDictionary<CampaignId, Demand> sharing, int cap)
    {
        var free = cap - sharing.Values.Sum(d => d.Live);
        if (free <= 0) return 0;
        var demands = sharing.OrderBy(d => d.Value.Live + d.Value.Wanted).ToList();
        double remaining = cap;
        var share = 0.0;
        for (var i = 0; i < demands.Count; i++)
        {
            var fair = remaining / (demands.Count - i);
            var need = demands[i].Value.Live + demands[i].Value.Wanted;
            var given = Math.Min(need, fair);
            if (demands[i].Key == campaign) share = fair;
            remaining -= given;
        }
        var mine = sharing[campaign].Live;
        return (int)Math.Max(0, Math.Min(free, Math.Ceiling(share - 1e-9) - mine));
    }

    private (int Tokens, TimeSpan Wait) RateTokens(TrunkLimits trunk, DateTimeOffset now)
    {
        var perSecond = Math.Max(0.01, trunk.CallsPerSecond);
        var capacity = Math.Max(1, perSecond);
        var (tokens, filledAt) = _trunkRates.TryGetValue(trunk.Trunk, out var known) ? known : (capacity, now);
        if (now > filledAt) tokens = Math.Min(capacity, tokens + (now - filledAt).TotalSeconds * perSecond);
        _trunkRates[trunk.Trunk] = (tokens, now > filledAt ? now : filledAt);
        var whole = (int)Math.Floor(tokens);
        return (whole, TimeSpan.FromSeconds(Math.Max(0, 1 - (tokens - whole)) / perSecond));
    }

    private void Spend(SipTrunkId trunk, int dials)
    {
        if (dials > 0 && _trunkRates.TryGetValue(trunk, out var known)) _trunkRates[trunk] = (known.Tokens - dials, known.FilledAt);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var gone in _campaigns.Where(c => now - c.Value.At > ForgetAfter).Select(c => c.Key).ToList()) _campaigns.Remove(gone);
    }
}
