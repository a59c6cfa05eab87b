using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace VoicePlatform.Silo.Security;

/// <summary>
/// Counts authentication failures in fixed windows, per client address and per credential-and-address pair, and says
/// how long a client must wait once a budget is spent. Per host and in memory: a client spreading guesses over several
/// API hosts gets each host's budget, which still bounds guessing to a few per second.
/// </summary>
public sealed class AuthenticationFailureLimiter(IOptions<AuthenticationFailureOptions> options, TimeProvider time) : VoicePlatform.Security.IAuthenticationThrottle
{
    private const int PruneAbove = 100_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>How long to wait before trying again, or null when the client may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address, string? credential)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var wait = Spent(AddressKey(address), settings.PerAddressLimit, now);
        if (credential is not null) wait = Max(wait, Spent(PairKey(address, credential), settings.PerKeyAndAddressLimit, now));
        return wait;
    }

    public void RecordFailure(IPAddress? address, string? credential)
    {
        var now = time.GetUtcNow();
        Count(AddressKey(address), now);
        if (credential is not null) Count(PairKey(address, credential), now);
        if (_windows.Count > PruneAbove) Prune(now);
    }

    private TimeSpan? Spent(string key, int limit, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window) || window.Start + options.Value.Window <= now || window.Failures < limit) return null;
        return window.Start + options.Value.Window - now;
    }

    private void Count(string key, DateTimeOffset now) =>
        _windows.AddOrUpdate(key, _ => new Window(now, 1),
            (_, current) => current.Start + options.Value.Window <= now ? new Window(now, 1) : current with { Failures = current.Failures + 1 });

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
            if (window.Start + options.Value.Window <= now) _windows.TryRemove(key, out _);
    }

    private static string AddressKey(IPAddress? address) => "a|" + (address?.ToString() ?? "-");

    private static string PairKey(IPAddress? address, string credential) => "p|" + (address?.ToString() ?? "-") + "|" + credential;

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private sealed record Window(DateTimeOffset Start, int Failures);
}
