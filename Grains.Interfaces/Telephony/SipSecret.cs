namespace VoicePlatform.Telephony;

/// <summary>
/// A SIP password on its way from the API to the trunk grain, which keeps it only encrypted. Never printed: a record
/// holding one can be logged without the secret reaching a log line.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.SipSecret")]
public sealed record SipSecret([property: Id(0)] string Value)
{
    public override string ToString() => "[redacted]";
}
