using System.Security.Cryptography;

namespace VoicePlatform.LiveKitEmulator.Hosting;

/// <summary>LiveKit-style ids: a prefix (<c>RM_</c>, <c>PA_</c>, …) followed by 12 random base57 characters.</summary>
public static class LiveKitIds
{
    private const string Base57 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public const string Room = "RM_";
    public const string Participant = "PA_";
    public const string Egress = "EG_";
    public const string SipTrunk = "ST_";
    public const string SipCall = "SCL_";
    public const string AgentDispatch = "AD_";
    public const string WebhookEvent = "EV_";

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Base57, 12);
}
