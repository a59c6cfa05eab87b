namespace VoicePlatform.Telephony;

/// <summary>
/// The key of a platform-wide claim: <c>number:+15125550100</c> or <c>livekit-trunk:ST_abc</c>. A number or a LiveKit
/// trunk belongs to at most one tenant on the whole platform; this is the one place that builds and reads the key.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.TelephonyClaimKey")]
public readonly record struct TelephonyClaimKey([property: Id(0)] TelephonyClaimKind Kind, [property: Id(1)] string Value)
{
    private const string NumberPrefix = "number:";
    private const string TrunkPrefix = "livekit-trunk:";

    public static TelephonyClaimKey Number(string e164) => new(TelephonyClaimKind.Number, e164);

    public static TelephonyClaimKey LiveKitTrunk(string liveKitTrunkId) => new(TelephonyClaimKind.LiveKitTrunk, liveKitTrunkId);

    public string Format() => (Kind == TelephonyClaimKind.Number ? NumberPrefix : TrunkPrefix) + Value;

    public static TelephonyClaimKey Parse(string key) =>
        key.StartsWith(NumberPrefix, StringComparison.Ordinal) ? Number(key[NumberPrefix.Length..])
        : key.StartsWith(TrunkPrefix, StringComparison.Ordinal) ? LiveKitTrunk(key[TrunkPrefix.Length..])
        : throw new FormatException($"'{key}' is not a telephony claim key.");

    public override string ToString() => Format();
}
