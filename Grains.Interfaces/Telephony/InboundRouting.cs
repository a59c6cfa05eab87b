using VoicePlatform.Agents;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>
/// How a number answers the calls it receives: its inbound agent during business hours — weekly ranges in the number's
/// own zone, none meaning always open, minus holiday dates — and outside them the after-hours agent, or a short
/// "closed" message and the end when there is none. Anonymous callers are refused unless allowed.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.InboundRouting")]
public sealed record InboundRouting
{
    public const int MaxHours = 14;
    public const int MaxHolidays = 100;
    public const int MaxMessageLength = 500;
    public const string DefaultClosedMessage = "Thank you for calling. We are closed right now; please call again during our opening hours.";

    [Id(0)] public required AgentId AgentId { get; init; }
    /// <summary>The IANA zone the hours and holidays are in.</summary>
    [Id(1)] public string TimeZone { get; init; } = "UTC";
    /// <summary>Opening hours; empty means open at all times.</summary>
    [Id(2)] public IReadOnlyList<CallWindow> Hours { get; init; } = [];
    /// <summary>Local dates (yyyy-MM-dd) the number is closed all day.</summary>
    [Id(3)] public IReadOnlyList<DateOnly> Holidays { get; init; } = [];
    [Id(4)] public AgentId? AfterHoursAgentId { get; init; }
    /// <summary>Said (then the call ends) outside opening hours when no after-hours agent answers.</summary>
    [Id(5)] public string? ClosedMessage { get; init; }
    /// <summary>Whether callers who withhold their number are answered.</summary>
    [Id(6)] public bool AllowAnonymous { get; init; } = true;

    /// <summary>Value equality, lists included (records compare lists by reference).</summary>
    public bool Equals(InboundRouting? other) =>
        other is not null && AgentId == other.AgentId && TimeZone == other.TimeZone && AfterHoursAgentId == other.AfterHoursAgentId
        && ClosedMessage == other.ClosedMessage && AllowAnonymous == other.AllowAnonymous && Holidays.SequenceEqual(other.Holidays)
        && Hours.Count == other.Hours.Count && Hours.Zip(other.Hours).All(pair => pair.First.SameAs(pair.Second));

    public override int GetHashCode() => HashCode.Combine(AgentId, TimeZone, AfterHoursAgentId, ClosedMessage, AllowAnonymous, Hours.Count, Holidays.Count);
}
