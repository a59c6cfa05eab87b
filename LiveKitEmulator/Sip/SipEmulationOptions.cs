using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>How simulated outbound calls behave (<c>LiveKitEmulator:Sip</c>).</summary>
public sealed class SipEmulationOptions
{
    /// <summary>Checked in order; the first rule whose pattern matches the dialled number decides.</summary>
    public List<SipOutcomeRule> Rules { get; set; } = [];

    /// <summary>Weighted outcomes drawn from the seeded random when no rule matches.</summary>
    public List<SipWeightedOutcome> Mix { get; set; } = [];

    /// <summary>The outcome when no rule matches and <see cref="Mix"/> is empty.</summary>
    public string DefaultOutcome { get; set; } = "answer;ring=3";

    /// <summary>Seed of the outcome mix (and the trunk number choice); unset means a different sequence each run.</summary>
    public int? Seed { get; set; }

    /// <summary>Time from the participant joining (status <c>dialing</c>) to the INVITE's first answer.</summary>
    public TimeSpan DialingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Ringing timeout when the request has none; the open-source bridge uses 3 min (Cloud is believed to use 30 s).</summary>
    public TimeSpan DefaultRingingTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Server-side wait of CreateSIPParticipant with <c>wait_until_answered</c> (LiveKit: 80 s).</summary>
    public TimeSpan WaitUntilAnsweredTimeout { get; set; } = TimeSpan.FromSeconds(80);

    /// <summary>Attribute set on the participant when a machine answers (voicemail outcome).</summary>
    public string MachineAttributeName { get; set; } = "emulator.answeredBy";

    public string MachineAttributeValue { get; set; } = "machine";

    internal void Validate()
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            LiveKitEmulatorOptions.Require(Rules[i].Pattern.Length > 0, $"LiveKitEmulator:Sip:Rules:{i}:Pattern must not be empty.");
            SipOutcome.Parse(Rules[i].Outcome, $"LiveKitEmulator:Sip:Rules:{i}:Outcome");
        }

        for (var i = 0; i < Mix.Count; i++)
        {
            LiveKitEmulatorOptions.Require(Mix[i].Weight >= 0, $"LiveKitEmulator:Sip:Mix:{i}:Weight must not be negative.");
            SipOutcome.Parse(Mix[i].Outcome, $"LiveKitEmulator:Sip:Mix:{i}:Outcome");
        }

        LiveKitEmulatorOptions.Require(Mix.Count == 0 || Mix.Sum(m => m.Weight) > 0, "LiveKitEmulator:Sip:Mix weights must not all be 0.");
        SipOutcome.Parse(DefaultOutcome, "LiveKitEmulator:Sip:DefaultOutcome");
        LiveKitEmulatorOptions.Require(DialingDelay >= TimeSpan.Zero, "LiveKitEmulator:Sip:DialingDelay must not be negative.");
        LiveKitEmulatorOptions.Require(DefaultRingingTimeout > TimeSpan.Zero, "LiveKitEmulator:Sip:DefaultRingingTimeout must be positive.");
        LiveKitEmulatorOptions.Require(WaitUntilAnsweredTimeout > TimeSpan.Zero, "LiveKitEmulator:Sip:WaitUntilAnsweredTimeout must be positive.");
    }
}
