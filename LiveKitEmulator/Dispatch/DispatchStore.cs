using System.Collections.Concurrent;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Dispatch;

/// <summary>Agent dispatches in memory; hands each new one to the registered <see cref="IAgentDispatchHandler"/>s.</summary>
public sealed class DispatchStore(EmulatorClock clock, IEnumerable<IAgentDispatchHandler> handlers)
{
    private readonly ConcurrentDictionary<string, AgentDispatch> _dispatches = new(StringComparer.Ordinal);

    public async Task<AgentDispatch> CreateAsync(string agentName, string room, string metadata, CancellationToken cancellationToken)
    {
        var dispatch = new AgentDispatch(LiveKitIds.New(LiveKitIds.AgentDispatch), agentName, room, metadata, clock.UtcNow);
        _dispatches[dispatch.Id] = dispatch;
        foreach (var handler in handlers)
        {
            await handler.OnDispatchCreatedAsync(dispatch, cancellationToken);
        }

        return dispatch;
    }

    public IReadOnlyList<AgentDispatch> ForRoom(string room) =>
        _dispatches.Values.Where(d => d.Room == room).OrderBy(d => d.CreatedAt).ToArray();
}
