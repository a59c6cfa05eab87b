using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Webhooks;

/// <summary>Where webhooks go and how they are signed and retried.</summary>
public sealed class WebhookOptions
{
    /// <summary>Receivers; every event is POSTed to each. Empty: no webhooks.</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>
    /// Receivers known only at run time, asked again for every event in addition to <see cref="Urls"/>: an
    /// in-process host whose own address exists only once it listens. Not bindable from configuration.
    /// </summary>
    public Func<IEnumerable<string>>? UrlSource { get; set; }

    /// <summary>Where the next event goes.</summary>
    public IEnumerable<string> Receivers() => UrlSource is null ? Urls : Urls.Concat(UrlSource());

    /// <summary>API key put in <c>iss</c> of the webhook token; empty means the emulator's <c>ApiKey</c>.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Secret signing the webhook token; empty means the emulator's <c>ApiSecret</c>.</summary>
    public string ApiSecret { get; set; } = "";

    /// <summary>Retries after a failed delivery (go-retryablehttp's default is 4).</summary>
    public int RetryMax { get; set; } = 4;

    /// <summary>
    /// Deliveries in flight at once. 1 (the default) sends them strictly in order; more lets a load generator keep up
    /// with thousands of calls, at the price of the re-ordering LiveKit's own worker pool may also produce.
    /// </summary>
    public int Concurrency { get; set; } = 1;

    public TimeSpan RetryWaitMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryWaitMax { get; set; } = TimeSpan.FromSeconds(30);

    public WebhookFaultOptions Faults { get; set; } = new();

    internal void Validate()
    {
        foreach (var url in Urls)
        {
            LiveKitEmulatorOptions.Require(
                Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                $"LiveKitEmulator:Webhook:Urls contains '{url}', which is not an http(s) URL.");
        }

        LiveKitEmulatorOptions.Require(RetryMax >= 0, "LiveKitEmulator:Webhook:RetryMax must not be negative.");
        LiveKitEmulatorOptions.Require(Faults.DuplicateProbability is >= 0 and <= 1, "LiveKitEmulator:Webhook:Faults:DuplicateProbability must be between 0 and 1.");
        LiveKitEmulatorOptions.Require(Faults.LossProbability is >= 0 and <= 1, "LiveKitEmulator:Webhook:Faults:LossProbability must be between 0 and 1.");
        LiveKitEmulatorOptions.Require(Faults.ReorderWindow >= 0, "LiveKitEmulator:Webhook:Faults:ReorderWindow must not be negative.");
        LiveKitEmulatorOptions.Require(Faults.Delay >= TimeSpan.Zero, "LiveKitEmulator:Webhook:Faults:Delay must not be negative.");
    }
}
