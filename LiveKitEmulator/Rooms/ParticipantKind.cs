namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary><c>ParticipantInfo.Kind</c>, in proto order.</summary>
public enum ParticipantKind
{
    Standard = 0,
    Ingress = 1,
    Egress = 2,
    Sip = 3,
    Agent = 4,
}
