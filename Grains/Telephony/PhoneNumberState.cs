using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GenerateSerializer, Alias("vp.PhoneNumberState")]
public sealed record PhoneNumberState
{
    [Id(0)] public PhoneNumberSettings? Settings { get; init; }
    /// <summary>What libphonenumber says about <see cref="PhoneNumberSettings.Number"/>, kept with it.</summary>
    [Id(1)] public string RegionCode { get; init; } = "";
    [Id(2)] public int CountryCode { get; init; }
    [Id(3)] public IReadOnlyList<string> TimeZones { get; init; } = [];
    [Id(4)] public int Revision { get; init; }
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>
    /// Whether this record holds the number's platform-wide claim. False for a record older than claims until the
    /// upgrade pass claims it, and for the loser of a contested number: such a record is never presented as caller id.
    /// </summary>
    [Id(7)] public bool Claimed { get; init; }
    /// <summary>The LiveKit dispatch rule the number's inbound calls arrive by; null while it takes none (or LiveKit has not answered yet).</summary>
    [Id(8)] public string? DispatchRuleId { get; init; }
    /// <summary>What the rule was last made from (number, agent worker), so an unchanged number does not rewrite it.</summary>
    [Id(9)] public string? DispatchRuleFingerprint { get; init; }

    public bool Exists => Settings is not null;
}
