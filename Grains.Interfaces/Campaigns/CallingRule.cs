using VoicePlatform.Common;

namespace VoicePlatform.Campaigns;

/// <summary>
/// A legal bound on dialing, in the called party's local time: calling hours, days with no calls at all (weekdays and
/// dated holidays), and a cap on attempts to one number across all of the tenant's campaigns. The platform ships the
/// federal and state rules as data; a tenant may add stricter ones of its own. Every rule names its source.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallingRule")]
public sealed record CallingRule
{
    [Id(0)] public required string Id { get; init; }
    /// <summary>Where it applies: a country (<c>US</c>), a US state (<c>US-FL</c>), or <c>*</c> for every number (a tenant's own rule).</summary>
    [Id(1)] public required string AppliesTo { get; init; }
    /// <summary>The earliest and latest minute of the local day a call may be placed, when the rule bounds the hours.</summary>
    [Id(2)] public int? FromMinute { get; init; }
    [Id(3)] public int? ToMinute { get; init; }
    [Id(4)] public IReadOnlyList<DayOfWeek> NoCallDays { get; init; } = [];
    /// <summary>Local dates with no calls (ISO, yyyy-MM-dd).</summary>
    [Id(5)] public IReadOnlyList<string> Holidays { get; init; } = [];
    /// <summary>At most this many attempts to one number per <see cref="PerHours"/>, across all of the tenant's campaigns.</summary>
    [Id(6)] public int? MaxAttempts { get; init; }
    [Id(7)] public int? PerHours { get; init; }
    [Id(8)] public required string Source { get; init; }

    public bool SameAs(CallingRule other) =>
        this with { NoCallDays = other.NoCallDays, Holidays = other.Holidays } == other
        && ValueEquality.Lists(NoCallDays, other.NoCallDays) && ValueEquality.Lists(Holidays, other.Holidays);
}
