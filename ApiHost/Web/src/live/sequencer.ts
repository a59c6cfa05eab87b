// Each source (a call, a campaign, a wallet) numbers its events per activation (epoch). A consumer drops what it has
// seen and takes a fresh snapshot on a gap or a new epoch: then the page shows the truth again.

export interface Sequenced {
  sourceId: string;
  sourceEpoch: string;
  sequence: number;
}

export type Verdict = "apply" | "duplicate" | "resync";

export class Sequencer {
  private readonly seen = new Map<string, { epoch: string; sequence: number }>();

  /** Forgets every source: a snapshot was just taken, and covers all of them. */
  reset(): void {
    this.seen.clear();
  }

  /** A source's position as a snapshot reported it (a call's own snapshot carries its epoch and sequence). */
  baseline(sourceId: string, epoch: string, sequence: number): void {
    this.seen.set(sourceId, { epoch, sequence });
  }

  judge(event: Sequenced): Verdict {
    const last = this.seen.get(event.sourceId);
    if (!last) {
      this.seen.set(event.sourceId, { epoch: event.sourceEpoch, sequence: event.sequence });
      return "apply";
    }
    if (last.epoch !== event.sourceEpoch) return "resync";
    if (event.sequence <= last.sequence) return "duplicate";
    if (event.sequence > last.sequence + 1) return "resync";
    last.sequence = event.sequence;
    return "apply";
  }
}
