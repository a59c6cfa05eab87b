using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>Draws each API request's fault and counts what it injected, for a failure suite's report.</summary>
public sealed class ApiFaultInjector
{
    private readonly ApiFaultOptions _options;
    private readonly HashSet<string> _methods;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Method, ApiFault Fault), int> _injected = [];

    public ApiFaultInjector(IOptions<LiveKitEmulatorOptions> options)
    {
        _options = options.Value.ApiFaults;
        _methods = new HashSet<string>(_options.Methods, StringComparer.Ordinal);
        _random = _options.Seed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>How long a slow request waits, in emulated time.</summary>
    public TimeSpan SlowDelay => _options.SlowDelay;

    /// <summary>The fault for a request to <paramref name="method"/> (<c>Service/Method</c>).</summary>
    public ApiFault Draw(string method)
    {
        if (!_options.Any || (_methods.Count > 0 && !_methods.Contains(method))) return ApiFault.None;
        lock (_lock)
        {
            var roll = _random.NextDouble();
            var fault = roll < _options.ErrorProbability ? ApiFault.Error
                : roll < _options.ErrorProbability + _options.SlowProbability ? ApiFault.Slow
                : roll < _options.ErrorProbability + _options.SlowProbability + _options.LostResponseProbability ? ApiFault.LostResponse
                : ApiFault.None;
            if (fault != ApiFault.None) _injected[(method, fault)] = _injected.GetValueOrDefault((method, fault)) + 1;
            return fault;
        }
    }

    /// <summary>How many of each fault were injected into each method so far.</summary>
    public IReadOnlyDictionary<(string Method, ApiFault Fault), int> Injected()
    {
        lock (_lock) return new Dictionary<(string Method, ApiFault Fault), int>(_injected);
    }
}
