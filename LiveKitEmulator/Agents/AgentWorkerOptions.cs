using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// The optional scripted agent worker (<c>LiveKitEmulator:AgentWorker</c>): plays the AI agent process a real
/// deployment runs next to LiveKit, so a call placed against the emulator has a transcript, usage and an outcome.
/// </summary>
public sealed class AgentWorkerOptions
{
    /// <summary>Off by default: a plain emulator behaves like a LiveKit server with no worker for any agent name.</summary>
    public bool Enabled { get; set; }

    /// <summary>The platform's base URL (<c>http://host:port</c>); the worker posts to <c>{PlatformUrl}/api/calls/{callId}/…</c>.</summary>
    public string PlatformUrl { get; set; } = "";

    /// <summary>
    /// The platform's base URL known only at run time, asked at each dispatch before <see cref="PlatformUrl"/>: an
    /// in-process host whose own address exists only once it listens. Null or empty falls back to <see cref="PlatformUrl"/>.
    /// Not bindable from configuration.
    /// </summary>
    public Func<string?>? PlatformUrlSource { get; set; }

    /// <summary>Seed of each call's scripted outcome (combined with the call id); unset means a different choice each run.</summary>
    public int? Seed { get; set; }

    /// <summary>Emulated time the agent waits in the room for the callee to answer before it gives up and leaves.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Share of dispatches (0–1) the worker never picks up: no agent joins the room, as when LiveKit finds no worker
    /// for a dispatch. Drawn per call (seeded with <see cref="Seed"/> when set).
    /// </summary>
    public double NeverJoinShare { get; set; }

    /// <summary>Share of dispatches (0–1) the worker joins only after <see cref="LateJoinDelay"/>.</summary>
    public double LateJoinShare { get; set; }

    /// <summary>Emulated time a late agent waits before it joins.</summary>
    public TimeSpan LateJoinDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// False: the agent joins and stays in the room until the callee leaves, but reports nothing and never hangs up —
    /// an agent that is present without a script, for tests that need the callee's own hang-up to end calls.
    /// </summary>
    public bool Converse { get; set; } = true;

    /// <summary>
    /// Retries of a post after a connection error, a timeout, a 5xx or a 429: five, doubling from <see cref="RetryDelay"/>,
    /// carry a report through about 15 s of the platform being away (a database restart), within the platform's settlement grace.
    /// </summary>
    public int RetryMax { get; set; } = 5;

    /// <summary>First wait before a retry (emulated time, so <c>TimeAcceleration</c> shrinks it); doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Real time one post may take before it counts as failed (and is retried).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where the platform is for the next dispatch, ending in <c>/</c> so relative paths keep any base path; null when
    /// neither source knows it yet.
    /// </summary>
    public Uri? ResolvePlatformUrl()
    {
        var url = PlatformUrlSource?.Invoke() is { Length: > 0 } fromSource ? fromSource : PlatformUrl;
        if (url.Length > 0 && !url.EndsWith('/'))
        {
            url += "/";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    internal void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        LiveKitEmulatorOptions.Require(
            PlatformUrl.Length > 0 || PlatformUrlSource is not null || !Converse,
            "LiveKitEmulator:AgentWorker:PlatformUrl must be set when LiveKitEmulator:AgentWorker:Enabled is true (unless Converse is false: a silent agent reports nothing).");
        LiveKitEmulatorOptions.Require(
            PlatformUrl.Length == 0 || (Uri.TryCreate(PlatformUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
            $"LiveKitEmulator:AgentWorker:PlatformUrl '{PlatformUrl}' is not an http(s) URL.");
        LiveKitEmulatorOptions.Require(AnswerTimeout > TimeSpan.Zero, "LiveKitEmulator:AgentWorker:AnswerTimeout must be positive.");
        LiveKitEmulatorOptions.Require(NeverJoinShare is >= 0 and <= 1 && LateJoinShare is >= 0 and <= 1 && NeverJoinShare + LateJoinShare <= 1,
            "LiveKitEmulator:AgentWorker:NeverJoinShare and LateJoinShare must be from 0 to 1 and add up to at most 1.");
        LiveKitEmulatorOptions.Require(LateJoinDelay >= TimeSpan.Zero, "LiveKitEmulator:AgentWorker:LateJoinDelay must not be negative.");
        LiveKitEmulatorOptions.Require(RetryMax >= 0, "LiveKitEmulator:AgentWorker:RetryMax must not be negative.");
        LiveKitEmulatorOptions.Require(RetryDelay >= TimeSpan.Zero, "LiveKitEmulator:AgentWorker:RetryDelay must not be negative.");
        LiveKitEmulatorOptions.Require(RequestTimeout > TimeSpan.Zero, "LiveKitEmulator:AgentWorker:RequestTimeout must be positive.");
    }
}
