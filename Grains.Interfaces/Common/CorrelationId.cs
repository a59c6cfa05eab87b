namespace VoicePlatform.Common;

/// <summary>The correlation id travels from the HTTP request into grain calls through Orleans' RequestContext.</summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    public const string RequestContextKey = "vp.correlation-id";
    public const int MaxLength = 64;

    public static string? Current => RequestContext.Get(RequestContextKey) as string;

    /// <summary>Accepts a client's id only if it is short and plain, so logs cannot be forged or flooded.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
