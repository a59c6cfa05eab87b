namespace VoicePlatform.Tests.WebConsole;

/// <summary>
/// Lead numbers that may lawfully be called now, whatever the hour the test runs: a place where it is mid-day (each lead
/// is called in its own local hours), as the demo's own leads are spread around the world for the same reason.
/// </summary>
public static class CallableLeads
{
    private static readonly (string Prefix, string Place, string Zone)[] Places =
    [
        ("+1212555", "New York", "America/New_York"), ("+1213555", "Los Angeles", "America/Los_Angeles"), ("+1808555", "Honolulu", "Pacific/Honolulu"),
        ("+44207946", "London", "Europe/London"), ("+91982000", "Mumbai", "Asia/Kolkata"), ("+6129374", "Sydney", "Australia/Sydney"),
    ];

    /// <summary>A number prefix (four digits short of a full number) of a place whose local time is between 10:00 and 18:00.</summary>
    public static (string Prefix, string Place) DaytimePrefix(DateTimeOffset now)
    {
        foreach (var (prefix, place, zone) in Places)
        {
            var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zone));
            if (local.Hour is >= 10 and < 18) return (prefix, place);
        }
        throw new InvalidOperationException("No place in the list is in its daytime now; add one.");
    }
}
