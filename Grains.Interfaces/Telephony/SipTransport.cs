namespace VoicePlatform.Telephony;

/// <summary>LiveKit's SIP transport to the carrier (<c>SIP_TRANSPORT_*</c>). JSON: auto, udp, tcp, tls.</summary>
[GenerateSerializer, Alias("vp.SipTransport")]
public enum SipTransport
{
    Auto = 0,
    Udp = 1,
    Tcp = 2,
    Tls = 3,
}
