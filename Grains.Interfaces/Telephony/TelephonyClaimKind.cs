namespace VoicePlatform.Telephony;

/// <summary>What a platform-wide telephony claim is on.</summary>
[GenerateSerializer, Alias("vp.TelephonyClaimKind")]
public enum TelephonyClaimKind
{
    /// <summary>An E.164 caller-id number.</summary>
    Number = 0,
    /// <summary>A LiveKit outbound SIP trunk id (<c>ST_…</c>).</summary>
    LiveKitTrunk = 1,
}
