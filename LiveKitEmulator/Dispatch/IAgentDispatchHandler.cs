namespace VoicePlatform.LiveKitEmulator.Dispatch;

/// <summary>
/// The seam for an agent worker: every registered handler is told about each new dispatch and may
/// join the room through <see cref="Rooms.RoomStore.Join"/> as an <c>AGENT</c> participant. The
/// emulator registers none; without a handler a dispatch is only recorded, as on a LiveKit server
/// with no worker for that agent name.
/// </summary>
public interface IAgentDispatchHandler
{
    Task OnDispatchCreatedAsync(AgentDispatch dispatch, CancellationToken cancellationToken);
}
