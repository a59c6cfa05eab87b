// A supervisor's seat in the call's LiveKit room: hear the call, and speak when barging in or taking over. The token
// comes from the platform; joining is LiveKit's (the development emulator has no media server, so there it fails and
// says so).
import { Room, RoomEvent, Track } from "livekit-client";
import type { SupervisorSession } from "./model";

export class AudioSeat {
  private room: Room | null = null;

  constructor(private readonly report: (text: string) => void) {}

  /** Joins (or, already in the room, just unmutes); answers what happened, for the page to show. */
  async join(session: SupervisorSession, speak: boolean): Promise<string> {
    try {
      if (!this.room) {
        const room = new Room();
        room.on(RoomEvent.TrackSubscribed, (track) => {
          if (track.kind === Track.Kind.Audio) document.body.appendChild(track.attach());
        });
        room.on(RoomEvent.Disconnected, () => {
          this.room = null;
          this.report("Left the call's audio (the call ended, or you were removed).");
        });
        await room.connect(session.liveKitUrl, session.participantToken, { autoSubscribe: true });
        this.room = room;
      }
      if (speak) await this.room.localParticipant.setMicrophoneEnabled(true);
      return speak ? `On the call as ${session.participantIdentity}: you can be heard.` : `Listening as ${session.participantIdentity}: you cannot be heard or seen.`;
    } catch (error) {
      return `${session.participantIdentity} may join until ${new Date(session.expiresAt).toLocaleTimeString()}, but LiveKit's media could not be reached: ${(error as Error).message}`;
    }
  }

  async leave(): Promise<void> {
    const room = this.room;
    this.room = null;
    await room?.disconnect();
  }
}
