using NodaTime;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads.NumberCaps;

/// <summary>
/// Serializes one number's cap checks. The dials counted are the lead table's (every recorded attempt, and every claim
/// being dialed) less the claims this gate has already turned away: such a claim still reads as being dialed until its
/// lead writes the deferral, yet it will never ring, and counting it would defer the next claimer too. Memory only: a
/// new activation knows no refusals and counts every claim, which can only be more careful.
/// </summary>
[GrainType("number-cap-gate")]
public sealed class NumberCapGateGrain(ILeadStore leads) : Grain, INumberCapGateGrain
{
    private readonly List<DateTimeOffset> _refused = [];
    private TenantId? _tenant;
    private string? _number;

    public async Task<NumberCapVerdict> CheckAsync(NumberCapCheck check)
    {
        if (_tenant is null)
        {
            var key = this.GetPrimaryKeyString();
            var slash = key.IndexOf('/');
            (_tenant, _number) = (TenantId.Parse(key[..slash]), key[(slash + 1)..]);
        }
        var window = check.Caps.Max(c => c.Per);
        var since = check.ClaimedAt - window;
        var dials = (await leads.DialTimesOfNumberAsync(_tenant.Value, _number!, since, check.Campaign, check.Lead)).ToList();
        _refused.RemoveAll(at => at < since);
        foreach (var refused in _refused) dials.Remove(refused);

        var caps = check.Caps.Select(c => new AttemptCap(c.MaxAttempts, Duration.FromTimeSpan(c.Per))).ToList();
        var claimedAt = Instant.FromDateTimeOffset(check.ClaimedAt);
        var allowedAt = AttemptCap.NextAllowed(claimedAt, dials.Select(Instant.FromDateTimeOffset).ToList(), caps);
        if (allowedAt <= claimedAt) return new NumberCapVerdict(null, dials);
        _refused.Add(check.ClaimedAt);
        return new NumberCapVerdict(allowedAt.ToDateTimeOffset(), dials);
    }
}
