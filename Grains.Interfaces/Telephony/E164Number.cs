namespace VoicePlatform.Telephony;

/// <summary>A phone number that libphonenumber accepted, in E.164 form, with where it rings.</summary>
[GenerateSerializer, Immutable, Alias("vp.E164Number")]
public sealed record E164Number
{
    /// <summary>E.164: '+', country code and national number, no spaces (+14155550100).</summary>
    [Id(0)] public required string Value { get; init; }

    /// <summary>ISO 3166-1 alpha-2 region (US, GB), or "001" for non-geographic numbers.</summary>
    [Id(1)] public required string RegionCode { get; init; }

    [Id(2)] public required int CountryCode { get; init; }

    /// <summary>IANA time zones the number may ring in; empty when libphonenumber does not know.</summary>
    [Id(3)] public required IReadOnlyList<string> TimeZones { get; init; }
}
