using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// Inbound calls the emulator rings by itself (<c>LiveKitEmulator:InboundTraffic</c>), for demos and load: at
/// <see cref="CallsPerSecond"/> (0, the default, rings none) to <see cref="To"/>, from <see cref="FromPrefix"/> and four
/// random digits, each caller staying <see cref="HangUpAfter"/> once answered (unset: until the other side ends the call).
/// </summary>
public sealed class InboundTrafficOptions
{
    public double CallsPerSecond { get; set; }

    public string To { get; set; } = "";

    public string FromPrefix { get; set; } = "+1512555";

    public TimeSpan? HangUpAfter { get; set; }

    internal void Validate()
    {
        LiveKitEmulatorOptions.Require(CallsPerSecond >= 0 && CallsPerSecond <= 10_000 && double.IsFinite(CallsPerSecond),
            "LiveKitEmulator:InboundTraffic:CallsPerSecond must be from 0 to 10000.");
        LiveKitEmulatorOptions.Require(CallsPerSecond == 0 || To.Length > 0, "LiveKitEmulator:InboundTraffic:To is required when CallsPerSecond is above 0.");
        LiveKitEmulatorOptions.Require(HangUpAfter is null || HangUpAfter >= TimeSpan.Zero, "LiveKitEmulator:InboundTraffic:HangUpAfter must not be negative.");
    }
}
