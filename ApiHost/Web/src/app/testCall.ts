// A browser test call: the tester joins the agent's LiveKit room with the token the platform minted, speaks through the
// microphone and hears the agent. Loaded only when a test call starts (livekit-client is large). The development
// emulator has no media server, so there joining fails and the page says so, with the room the agent was sent to.
import { Room, RoomEvent, Track } from "livekit-client";
import { h } from "./dom";
import type { TestCallSession } from "./model";

/** Joins and shows the call in <paramref name="container"/>; answers a function that leaves it. */
export async function joinTestCall(session: TestCallSession, container: HTMLElement): Promise<() => void> {
  const status = h("p", { role: "status" });
  const hangUp = h("button", { type: "button", class: "danger" }, "End test call");
  container.replaceChildren(status, hangUp);
  const room = new Room();
  const leave = () => void room.disconnect();
  hangUp.addEventListener("click", () => {
    leave();
    status.textContent = "Test call ended.";
    hangUp.remove();
  });
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind === Track.Kind.Audio) container.appendChild(track.attach());
  });
  room.on(RoomEvent.ParticipantConnected, (participant) => (status.textContent = `${participant.identity} joined: talk to it.`));
  try {
    await room.connect(session.liveKitUrl, session.participantToken, { autoSubscribe: true });
    await room.localParticipant.setMicrophoneEnabled(true);
    status.textContent = `In room ${session.roomName} as ${session.participantIdentity}; waiting for the agent…`;
  } catch (error) {
    status.textContent = `The agent was dispatched to room ${session.roomName} (until ${new Date(session.expiresAt).toLocaleTimeString()}), but LiveKit's media could not be reached from this browser: ${(error as Error).message}`;
    hangUp.remove();
  }
  return leave;
}
