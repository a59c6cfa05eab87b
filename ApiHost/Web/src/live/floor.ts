// The floor's figures over the last 15 minutes: the snapshot's per-minute counts, then every call that ends while
// the page watches, each counted once, in the minute it ended.

export interface FloorMinute {
  minute: string;
  ended: number;
  answered: number;
  abandoned: number;
  handledMilliseconds: number;
}

export interface EndedCall {
  id: string;
  answeredAt?: string | null;
  endedAt?: string | null;
  abandoned?: boolean;
}

export interface Figures {
  callsPerMinute: number;
  answerRate: number | null;
  abandonRate: number | null;
  averageHandleSeconds: number | null;
}

const WindowMs = 15 * 60_000;

export class FloorTally {
  private minutes = new Map<number, { ended: number; answered: number; abandoned: number; handledMs: number }>();
  private counted = new Set<string>();
  private since = 0;

  /** Starts over from a snapshot's minutes (taken at <paramref name="takenAt"/>); calls ended after it are added as they come. */
  load(minutes: FloorMinute[], takenAt: string): void {
    this.minutes.clear();
    this.counted.clear();
    this.since = Date.parse(takenAt);
    for (const m of minutes) {
      this.minutes.set(Date.parse(m.minute), { ended: m.ended, answered: m.answered, abandoned: m.abandoned, handledMs: m.handledMilliseconds });
    }
  }

  /** A call ended: counted once, and only if it ended after the snapshot (before, the snapshot has it). */
  addEnded(call: EndedCall): void {
    if (!call.endedAt || this.counted.has(call.id)) return;
    const ended = Date.parse(call.endedAt);
    if (ended < this.since) return;
    this.counted.add(call.id);
    const minute = ended - (ended % 60_000);
    const bucket = this.minutes.get(minute) ?? { ended: 0, answered: 0, abandoned: 0, handledMs: 0 };
    bucket.ended++;
    if (call.answeredAt) {
      bucket.answered++;
      bucket.handledMs += Math.max(0, ended - Date.parse(call.answeredAt));
    }
    if (call.abandoned) bucket.abandoned++;
    this.minutes.set(minute, bucket);
  }

  figures(now: number): Figures {
    let ended = 0, answered = 0, abandoned = 0, handledMs = 0;
    for (const [minute, m] of this.minutes) {
      if (minute + 60_000 <= now - WindowMs) {
        this.minutes.delete(minute);
        continue;
      }
      ended += m.ended; answered += m.answered; abandoned += m.abandoned; handledMs += m.handledMs;
    }
    return {
      callsPerMinute: ended / 15,
      answerRate: ended === 0 ? null : answered / ended,
      abandonRate: answered === 0 ? null : abandoned / answered,
      averageHandleSeconds: answered === 0 ? null : handledMs / 1000 / answered,
    };
  }
}
