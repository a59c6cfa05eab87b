using NodaTime;
using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>At most <see cref="MaxAttempts"/> attempts to one number in any <see cref="Per"/> (a sliding window).</summary>
public sealed record AttemptCap(int MaxAttempts, Duration Per)
{
    /// <summary>The caps among <paramref name="rules"/>.</summary>
    public static IReadOnlyList<AttemptCap> From(IEnumerable<CallingRule> rules) =>
        rules.Where(r => r.MaxAttempts is > 0 && r.PerHours is > 0)
            .Select(r => new AttemptCap(r.MaxAttempts!.Value, Duration.FromHours(r.PerHours!.Value)))
            .ToList();

    /// <summary>
    /// The earliest instant at or after <paramref name="now"/> when one more attempt keeps every cap, given the number's
    /// earlier <paramref name="attempts"/> (across all of the tenant's campaigns). An attempt stamped after
    /// <paramref name="now"/> counts too: another campaign's claim can carry a later stamp yet be written first (each
    /// dialer stamps its claims with the time its tick began), and dropping it would let both dialers through.
    /// </summary>
    public static Instant NextAllowed(Instant now, IReadOnlyList<Instant> attempts, IReadOnlyList<AttemptCap> caps)
    {
        var next = now;
        foreach (var cap in caps)
        {
            var recent = attempts.Where(a => a > now - cap.Per).Order().ToList();
            // One more is allowed once the oldest attempt that keeps the count at the cap has left the window.
            if (recent.Count >= cap.MaxAttempts)
            {
                var freedAt = recent[recent.Count - cap.MaxAttempts] + cap.Per;
                if (freedAt > next) next = freedAt;
            }
        }
        return next;
    }
}
