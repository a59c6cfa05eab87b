using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

/// <summary>One tenant's trunks and numbers in brief, and which number holds each E.164.</summary>
[GenerateSerializer, Alias("vp.TelephonyDirectoryState")]
public sealed record TelephonyDirectoryState
{
    [Id(0)] public Dictionary<string, SipTrunkSummary> Trunks { get; init; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, PhoneNumberSummary> Numbers { get; init; } = new(StringComparer.Ordinal);
    /// <summary>E.164 → the number holding it. A reservation precedes the number's own state write.</summary>
    [Id(2)] public Dictionary<string, PhoneNumberId> Reservations { get; init; } = new(StringComparer.Ordinal);
}
