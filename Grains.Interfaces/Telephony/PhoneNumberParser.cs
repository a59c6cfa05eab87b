using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace VoicePlatform.Telephony;

/// <summary>
/// Reads phone numbers as people type them and answers their E.164 form. Any international format
/// libphonenumber understands is accepted ("+1 415-555-0100", "+44 (0)20 7946 0958"); the number must
/// start with '+' (there is no default country to guess from) and libphonenumber must call it valid.
/// </summary>
public static class PhoneNumberParser
{
    public const int MaxInputLength = 64;

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper Zones = PhoneNumberToTimeZonesMapper.GetInstance();

    public static bool TryParse(string? input, [NotNullWhen(true)] out E164Number? number, [NotNullWhen(false)] out string? error) =>
        TryParse(input, defaultRegion: null, out number, out error);

    /// <summary>
    /// As <see cref="TryParse(string?, out E164Number?, out string?)"/>, and a number without a country code is read as
    /// a national number of <paramref name="defaultRegion"/> (ISO 3166 alpha-2, for example US) when one is given.
    /// </summary>
    public static bool TryParse(string? input, string? defaultRegion, [NotNullWhen(true)] out E164Number? number, [NotNullWhen(false)] out string? error)
    {
        number = null;
        error = null;
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text)) error = "A phone number is required.";
        else if (text.Length > MaxInputLength) error = $"At most {MaxInputLength} characters.";
        else if (!text.StartsWith('+') && defaultRegion is null) error = "Give the number in international form, starting with '+' and the country code (for example +14155550100).";
        if (error is not null) return false;

        PhoneNumber parsed;
        try
        {
            parsed = Numbers.Parse(text, text!.StartsWith('+') ? null : defaultRegion);
        }
        catch (NumberParseException)
        {
            error = $"'{text}' is not a phone number.";
            return false;
        }
        if (!Numbers.IsValidNumber(parsed))
        {
            error = $"'{text}' is not a valid phone number for its country.";
            return false;
        }

        var unknown = Zones.GetUnknownTimeZone();
        number = new E164Number
        {
            Value = Numbers.Format(parsed, PhoneNumberFormat.E164),
            RegionCode = Numbers.GetRegionCodeForNumber(parsed),
            CountryCode = parsed.CountryCode,
            TimeZones = Zones.GetTimeZonesForNumber(parsed).Where(z => z != unknown).ToList(),
        };
        return true;
    }

    /// <summary>True when <paramref name="value"/> is a valid number already in E.164 form (what grains store).</summary>
    public static bool IsE164(string? value) => TryParse(value, out var number, out _) && number.Value == value;
}
