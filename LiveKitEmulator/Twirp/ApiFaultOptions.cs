namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>
/// Faults of LiveKit's server API, drawn from a seeded random per request so a failure suite can be repeated: an error
/// before the method does anything, a slow answer, or an answer lost after the method did its work (the case a client
/// cannot tell from an error, and must not repeat blindly).
/// </summary>
public sealed class ApiFaultOptions
{
    /// <summary>Chance (0..1) that a request is answered Twirp <c>unavailable</c> (503) without being executed.</summary>
    public double ErrorProbability { get; set; }

    /// <summary>Chance (0..1) that a request waits <see cref="SlowDelay"/> before it is executed.</summary>
    public double SlowProbability { get; set; }

    /// <summary>How long a slow request waits (emulated time, divided by the time acceleration).</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Chance (0..1) that a request is executed and its connection then dropped without an answer.</summary>
    public double LostResponseProbability { get; set; }

    /// <summary>The methods faults apply to, as <c>Service/Method</c> (<c>RoomService/CreateRoom</c>); empty means all.</summary>
    public List<string> Methods { get; set; } = [];

    /// <summary>Seed of the fault random; unset means a different sequence each run.</summary>
    public int? Seed { get; set; }

    public bool Any => ErrorProbability > 0 || SlowProbability > 0 || LostResponseProbability > 0;

    internal void Validate()
    {
        Hosting.LiveKitEmulatorOptions.Require(ErrorProbability is >= 0 and <= 1, "LiveKitEmulator:ApiFaults:ErrorProbability must be between 0 and 1.");
        Hosting.LiveKitEmulatorOptions.Require(SlowProbability is >= 0 and <= 1, "LiveKitEmulator:ApiFaults:SlowProbability must be between 0 and 1.");
        Hosting.LiveKitEmulatorOptions.Require(LostResponseProbability is >= 0 and <= 1, "LiveKitEmulator:ApiFaults:LostResponseProbability must be between 0 and 1.");
        Hosting.LiveKitEmulatorOptions.Require(ErrorProbability + SlowProbability + LostResponseProbability <= 1,
            "LiveKitEmulator:ApiFaults: ErrorProbability, SlowProbability and LostResponseProbability must add up to at most 1.");
        Hosting.LiveKitEmulatorOptions.Require(SlowDelay >= TimeSpan.Zero, "LiveKitEmulator:ApiFaults:SlowDelay must not be negative.");
    }
}
