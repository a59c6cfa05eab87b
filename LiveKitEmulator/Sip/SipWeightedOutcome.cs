namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>Configuration of one entry of the seeded random mix used when no rule matches.</summary>
public sealed class SipWeightedOutcome
{
    public string Outcome { get; set; } = "";

    public double Weight { get; set; } = 1;
}
