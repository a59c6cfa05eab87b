namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary><c>ParticipantInfo.State</c>, in proto order.</summary>
public enum ParticipantState
{
    Joining = 0,
    Joined = 1,
    Active = 2,
    Disconnected = 3,
}
