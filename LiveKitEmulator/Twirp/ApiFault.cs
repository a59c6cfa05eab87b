namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>What happens to one API request under <see cref="ApiFaultOptions"/>.</summary>
public enum ApiFault
{
    None,
    Error,
    Slow,
    LostResponse,
}
