using System.Globalization;
using VoicePlatform.Campaigns;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A calling window in each lead's local time: days, and from/to as HH:mm ("24:00" is the end of the day; a "to" before "from" crosses midnight).</summary>
public sealed record CallWindowRequest(IReadOnlyList<DayOfWeek>? Days, string? From, string? To)
{
    public CallWindow ToWindow(string prefix, IDictionary<string, string[]> errors) => new()
    {
        Days = Days ?? [],
        StartMinute = Minute(From, prefix + "from", errors, allowEndOfDay: false),
        EndMinute = Minute(To, prefix + "to", errors, allowEndOfDay: true),
    };

    private static int Minute(string? text, string field, IDictionary<string, string[]> errors, bool allowEndOfDay)
    {
        if (allowEndOfDay && text == "24:00") return CallWindow.MinutesPerDay;
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time.Hour * 60 + time.Minute;
        errors[field] = [allowEndOfDay ? "A local time HH:mm, or 24:00 for the end of the day." : "A local time HH:mm."];
        return 0;
    }
}
