namespace VoicePlatform.Grains.Webhooks;

/// <summary>How one POST went: the receiver's status (null without an answer), how long it took, and what failed.</summary>
public sealed record WebhookSendResult(int? StatusCode, TimeSpan Elapsed, string? Error, WebhookSendVerdict Verdict)
{
    public bool Delivered => Verdict == WebhookSendVerdict.Delivered;
}

/// <summary>The bounded set of ways a POST ends (the metrics' <c>result</c> label).</summary>
public enum WebhookSendVerdict
{
    Delivered,
    /// <summary>The receiver answered with a status outside 2xx.</summary>
    HttpError,
    Timeout,
    /// <summary>No connection: refused, reset, DNS failed, TLS failed.</summary>
    NetworkError,
    /// <summary>The target resolved only to addresses targets may not have.</summary>
    Blocked,
}
