using System.Security.Cryptography;
using System.Text;
using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>
/// Which number of the pool presents a call: round robin; sticky per lead (a stable hash of the lead, so every attempt
/// to one lead comes from the same number whichever silo dials it); or local presence — a number with the lead's
/// area code (the first three digits of a NANP number), else one of its region, else round robin.
/// </summary>
public sealed class CallerIdPicker(IReadOnlyList<CallerIdChoice> pool)
{
    private long _next;

    public IReadOnlyList<CallerIdChoice> Pool { get; } = pool;

    /// <summary>Null when the pool is empty (the call then presents the agent's or brand's number).</summary>
    public CallerIdChoice? Pick(CallerIdRotation rotation, string leadKey, string leadPhone)
    {
        if (Pool.Count == 0) return null;
        switch (rotation)
        {
            case CallerIdRotation.StickyPerLead:
                return Pool[(int)(StableHash(leadKey) % (ulong)Pool.Count)];
            case CallerIdRotation.LocalPresence:
                var local = Local(leadPhone);
                if (local.Count > 0) return local[(int)(_next++ % local.Count)];
                break;
        }
        return Pool[(int)(_next++ % Pool.Count)];
    }

    private IReadOnlyList<CallerIdChoice> Local(string leadPhone)
    {
        if (!PhoneNumberParser.TryParse(leadPhone, out var lead, out _)) return [];
        var sameArea = Pool.Where(n => AreaCode(n.Number) is { } area && area == AreaCode(lead.Value)).ToList();
        return sameArea.Count > 0 ? sameArea : Pool.Where(n => n.RegionCode == lead.RegionCode).ToList();
    }

    /// <summary>The NANP area code of a +1 number; null for other countries, whose area codes vary in length.</summary>
    private static string? AreaCode(string e164) => e164.StartsWith("+1", StringComparison.Ordinal) && e164.Length >= 5 ? e164[2..5] : null;

    private static ulong StableHash(string value) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0);
}
