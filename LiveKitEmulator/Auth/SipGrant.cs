namespace VoicePlatform.LiveKitEmulator.Auth;

/// <summary>LiveKit's <c>sip</c> grant.</summary>
public sealed record SipGrant(bool Admin, bool Call);
