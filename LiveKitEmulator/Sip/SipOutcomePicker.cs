using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>Chooses each call's outcome: first matching number rule, else the seeded weighted mix, else the default.</summary>
public sealed class SipOutcomePicker
{
    private readonly IReadOnlyList<(Regex Pattern, SipOutcome Outcome)> _rules;
    private readonly IReadOnlyList<(double Weight, SipOutcome Outcome)> _mix;
    private readonly SipOutcome _default;
    private readonly Lock _lock = new();
    private readonly Random _random;

    public SipOutcomePicker(IOptions<LiveKitEmulatorOptions> options)
    {
        var sip = options.Value.Sip;
        _rules = sip.Rules.Select((rule, i) => (Glob(rule.Pattern), SipOutcome.Parse(rule.Outcome, $"LiveKitEmulator:Sip:Rules:{i}:Outcome"))).ToArray();
        _mix = sip.Mix.Select((entry, i) => (entry.Weight, SipOutcome.Parse(entry.Outcome, $"LiveKitEmulator:Sip:Mix:{i}:Outcome"))).ToArray();
        _default = SipOutcome.Parse(sip.DefaultOutcome, "LiveKitEmulator:Sip:DefaultOutcome");
        _random = sip.Seed is { } seed ? new Random(seed) : new Random();
    }

    public SipOutcome Pick(string number)
    {
        foreach (var (pattern, outcome) in _rules)
        {
            if (pattern.IsMatch(number))
            {
                return outcome;
            }
        }

        if (_mix.Count == 0)
        {
            return _default;
        }

        double draw;
        lock (_lock)
        {
            draw = _random.NextDouble() * _mix.Sum(m => m.Weight);
        }

        foreach (var (weight, outcome) in _mix)
        {
            if (draw < weight)
            {
                return outcome;
            }

            draw -= weight;
        }

        return _mix[^1].Outcome;
    }

    /// <summary>A seeded choice among the trunk's numbers when the request names no <c>sip_number</c>.</summary>
    public string PickNumber(IReadOnlyList<string> numbers)
    {
        lock (_lock)
        {
            return numbers.Count == 0 ? "" : numbers[_random.Next(numbers.Count)];
        }
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.CultureInvariant);
}
