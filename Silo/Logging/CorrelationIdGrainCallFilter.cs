using VoicePlatform.Common;
using Microsoft.Extensions.Logging;

namespace VoicePlatform.Silo.Logging;

/// <summary>
/// Opens a logging scope with the caller's correlation id around every grain call, so grain logs carry it, and tags the
/// grain call's span with it when tracing is on.
/// </summary>
public sealed class CorrelationIdGrainCallFilter(ILogger<CorrelationIdGrainCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (CorrelationId.Current is not { } id)
        {
            await context.Invoke();
            return;
        }
        System.Diagnostics.Activity.Current?.SetTag(VoicePlatform.Grains.Common.PlatformActivities.CorrelationIdTag, id);
        using (logger.BeginScope("CorrelationId:{CorrelationId}", id))
        {
            await context.Invoke();
        }
    }
}
