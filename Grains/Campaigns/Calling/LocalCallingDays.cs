using NodaTime;
using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// When one lead may be called, as local times on each calendar date: the campaign's windows (a range across midnight
/// split at midnight, each part on its own date), cut to every binding rule's hours, and nothing at all on a date a
/// rule bans (a weekday such as Sunday, or a holiday). Free of clocks and zones: <see cref="LawfulCallingTime"/> turns
/// these local times into instants in each zone the lead could be in.
/// </summary>
public sealed class LocalCallingDays
{
    private readonly IReadOnlyList<CallWindow> _windows;
    private readonly int _fromMinute;
    private readonly int _toMinute;
    private readonly HashSet<DayOfWeek> _noCallDays;
    private readonly HashSet<LocalDate> _holidays;

    public LocalCallingDays(IReadOnlyList<CallWindow> windows, IReadOnlyList<CallingRule> rules)
    {
        _windows = windows;
        _fromMinute = rules.Select(r => r.FromMinute ?? 0).DefaultIfEmpty(0).Max();
        _toMinute = rules.Select(r => r.ToMinute ?? CallWindow.MinutesPerDay).DefaultIfEmpty(CallWindow.MinutesPerDay).Min();
        _noCallDays = rules.SelectMany(r => r.NoCallDays).ToHashSet();
        _holidays = rules.SelectMany(r => r.Holidays).Select(d => LocalDate.FromDateOnly(DateOnly.ParseExact(d, "yyyy-MM-dd"))).ToHashSet();
    }

    /// <summary>True when no date can ever have a calling time (no windows, or rule hours that leave nothing).</summary>
    public bool IsNever => _windows.Count == 0 || _windows.All(w => w.Days.Count == 0) || _fromMinute >= _toMinute;

    /// <summary>The allowed local intervals on <paramref name="date"/>, start inclusive, end exclusive, in order, not overlapping.</summary>
    public IReadOnlyList<(LocalDateTime Start, LocalDateTime End)> On(LocalDate date)
    {
        if (_noCallDays.Contains(Bcl(date.DayOfWeek)) || _holidays.Contains(date)) return [];
        var today = Bcl(date.DayOfWeek);
        var yesterday = Bcl(date.PlusDays(-1).DayOfWeek);
        var segments = new List<(int From, int To)>();
        foreach (var window in _windows)
        {
            if (window.Days.Contains(today)) segments.Add((window.StartMinute, window.CrossesMidnight ? CallWindow.MinutesPerDay : window.EndMinute));
            if (window.CrossesMidnight && window.Days.Contains(yesterday)) segments.Add((0, window.EndMinute));
        }
        var cut = segments
            .Select(s => (From: Math.Max(s.From, _fromMinute), To: Math.Min(s.To, _toMinute)))
            .Where(s => s.From < s.To)
            .OrderBy(s => s.From)
            .ToList();
        var merged = new List<(int From, int To)>();
        foreach (var segment in cut)
        {
            if (merged.Count > 0 && segment.From <= merged[^1].To) merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, segment.To));
            else merged.Add(segment);
        }
        var midnight = date.AtMidnight();
        return merged.Select(s => (midnight.PlusMinutes(s.From), midnight.PlusMinutes(s.To))).ToList();
    }

    /// <summary>NodaTime numbers Monday 1 to Sunday 7; .NET Sunday 0 to Saturday 6.</summary>
    private static DayOfWeek Bcl(IsoDayOfWeek day) => (DayOfWeek)((int)day % 7);
}
