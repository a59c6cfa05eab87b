namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// A call to ring in: the caller (From, <c>anonymous</c> for a withheld number), the called number (To), and how long
/// the caller stays once answered (null: until the other side ends the call or the trunk's limit).
/// </summary>
public sealed record InboundCallRequest(string From, string To, TimeSpan? HangUpAfter = null, string SourceAddress = "203.0.113.10");
