using VoicePlatform.LiveKitEmulator.Agents;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.LiveKitEmulator.Webhooks;

namespace VoicePlatform.LiveKitEmulator.Hosting;

/// <summary>Settings of the emulator, bound from the <c>LiveKitEmulator</c> configuration section.</summary>
public sealed class LiveKitEmulatorOptions
{
    public const string SectionName = "LiveKitEmulator";

    /// <summary>The API key (<c>iss</c> of every token). Defaults to LiveKit's dev-mode key.</summary>
    public string ApiKey { get; set; } = "devkey";

    /// <summary>The API secret (HS256 key). Defaults to LiveKit's dev-mode secret.</summary>
    public string ApiSecret { get; set; } = "secret";

    /// <summary>All emulator delays (ringing, timeouts, webhook delays and retries) are divided by this factor.</summary>
    public double TimeAcceleration { get; set; } = 1;

    /// <summary>Default room <c>empty_timeout</c> when CreateRoom leaves it 0: how long a room nobody joined stays open.</summary>
    public TimeSpan EmptyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Default room <c>departure_timeout</c>: how long a room stays open after its last participant left.</summary>
    public TimeSpan DepartureTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public SipEmulationOptions Sip { get; set; } = new();

    /// <summary>Inbound calls rung by the emulator itself at a rate; none by default.</summary>
    public Sip.InboundTrafficOptions InboundTraffic { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();

    public AgentWorkerOptions AgentWorker { get; set; } = new();

    /// <summary>Faults of the server API (errors, slow answers, lost answers), for failure testing; none by default.</summary>
    public Twirp.ApiFaultOptions ApiFaults { get; set; } = new();

    /// <summary>Throws naming the setting when a value cannot work.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(ApiKey), "LiveKitEmulator:ApiKey must not be empty.");
        Require(!string.IsNullOrEmpty(ApiSecret), "LiveKitEmulator:ApiSecret must not be empty.");
        Require(TimeAcceleration > 0 && double.IsFinite(TimeAcceleration), "LiveKitEmulator:TimeAcceleration must be a positive number.");
        Require(EmptyTimeout >= TimeSpan.Zero, "LiveKitEmulator:EmptyTimeout must not be negative.");
        Require(DepartureTimeout >= TimeSpan.Zero, "LiveKitEmulator:DepartureTimeout must not be negative.");
        Sip.Validate();
        InboundTraffic.Validate();
        Webhook.Validate();
        AgentWorker.Validate();
        ApiFaults.Validate();
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new LiveKitEmulatorConfigurationException(message);
        }
    }
}
