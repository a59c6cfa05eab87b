using VoicePlatform.Grains.Common;
namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>Where LiveKit is and how to sign for it; bound from the <c>LiveKit</c> configuration section.</summary>
public sealed class LiveKitOptions : IValidatedOptions
{
    public static string SectionName => "LiveKit";

    /// <summary>The server URL, <c>http(s)://</c> or <c>ws(s)://</c> (rewritten to HTTP for Twirp calls).</summary>
    public string Url { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string ApiSecret { get; set; } = "";

    /// <summary>Per-attempt timeout of a Twirp call (CreateSIPParticipant with wait_until_answered waits longer).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts, including the first, of a call that may be retried.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Twirp base address (<c>ws</c> → <c>http</c>, <c>wss</c> → <c>https</c>), ending in a slash.</summary>
    public Uri HttpBaseAddress()
    {
        var builder = new UriBuilder(Url.Trim());
        builder.Scheme = builder.Scheme switch { "ws" => "http", "wss" => "https", var s => s };
        builder.Port = builder.Uri.IsDefaultPort ? -1 : builder.Port;
        if (!builder.Path.EndsWith('/')) builder.Path += "/";
        return builder.Uri;
    }

    /// <summary>
    /// The URL LiveKit's client SDKs connect to (<c>http</c> → <c>ws</c>, <c>https</c> → <c>wss</c>), without a trailing
    /// slash: what a browser or phone is given to join a room.
    /// </summary>
    public string WebSocketUrl()
    {
        var builder = new UriBuilder(Url.Trim());
        builder.Scheme = builder.Scheme switch { "http" => "ws", "https" => "wss", var s => s };
        builder.Port = builder.Uri.IsDefaultPort ? -1 : builder.Port;
        return builder.Uri.ToString().TrimEnd('/');
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Url))
            errors.Add($"{SectionName}:Url is required (for example http://localhost:7880).");
        else if (!Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
            errors.Add($"{SectionName}:Url must be an absolute http, https, ws or wss URL; got '{Url}'.");
        if (string.IsNullOrWhiteSpace(ApiKey))
            errors.Add($"{SectionName}:ApiKey is required.");
        if (string.IsNullOrWhiteSpace(ApiSecret))
            errors.Add($"{SectionName}:ApiSecret is required.");
        if (RequestTimeout <= TimeSpan.Zero)
            errors.Add($"{SectionName}:RequestTimeout must be positive.");
        if (MaxAttempts is < 1 or > 10)
            errors.Add($"{SectionName}:MaxAttempts must be between 1 and 10.");
        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
            errors.Add($"{SectionName}:RetryBaseDelay must be non-negative and no greater than {SectionName}:RetryMaxDelay.");
        return errors;
    }
}
