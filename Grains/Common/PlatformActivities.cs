using System.Diagnostics;

namespace VoicePlatform.Grains.Common;

/// <summary>
/// The platform's own spans (OpenTelemetry reads them from this <see cref="ActivitySource"/> when tracing is configured;
/// otherwise nothing listens and starting one costs a null check). Orleans' grain-call spans and ASP.NET Core's and
/// HttpClient's come from their own sources.
/// </summary>
public static class PlatformActivities
{
    public const string SourceName = "VoicePlatform";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The request's correlation id, on every span the request leads to (as in the logs and problem details).</summary>
    public const string CorrelationIdTag = "voiceplatform.correlation_id";
    public const string TenantTag = "voiceplatform.tenant_id";
    public const string CallTag = "voiceplatform.call_id";

    /// <summary>The W3C trace context of the current span, to keep with something that later work must link back to.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>A link to the span <paramref name="traceParent"/> names, or none when it is missing or malformed.</summary>
    public static ActivityLink[] LinkTo(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? [new ActivityLink(context)] : [];
}
