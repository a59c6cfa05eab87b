// The shapes the platform sends (JSON, camelCase, enums in kebab-case); only the fields the wallboard reads.

export type CallStatus = "queued" | "dialing" | "ringing" | "answered" | "ended";

/** Outbound: the platform called `to`. Inbound: `from` called the tenant's number `to`. */
export type CallDirection = "outbound" | "inbound";

export interface CallRecord {
  callId: string; agentId: string; brandId?: string | null; campaignId?: string | null; leadId?: string | null;
  to: string; from?: string | null; direction?: CallDirection; status: CallStatus; queuedAt: string; answeredAt?: string | null; endedAt?: string | null;
  currency?: string | null;
}

export interface CallView {
  id: string; agentId: string; brandId?: string | null; campaignId?: string | null; leadId?: string | null; to: string;
  from?: string | null; direction?: CallDirection; status: CallStatus; queuedAt: string; dialingAt?: string | null; ringingAt?: string | null; answeredAt?: string | null;
  endedAt?: string | null; abandoned?: boolean; takenOverBy?: string | null; estimatedPerMinute?: number | null; currency?: string | null;
  endReason?: string | null; chargedSoFar?: number;
}

export interface TranscriptSegment { id: string; speaker: "agent" | "callee" | "coach"; text: string; startMs: number; endMs: number; final: boolean }

export interface CampaignView {
  id: string; status: string; pausedFor?: string | null; statusDetail?: string | null;
  settings: { name: string };
  progress?: { leadsByStatus?: Record<string, number>; liveCalls?: number; notDialing?: { reason: string; nextDialAt?: string | null; detail: string } | null } | null;
}

export interface WalletView { currency: string; balance: number; reserved: number; lowBalanceThreshold: number; lowBalance: boolean }

export interface LiveEvent {
  type: string; tenantId: string; sourceId: string; sourceEpoch: string; sequence: number; at: string;
  payload: { kind: string; call?: CallView; callId?: string; segment?: TranscriptSegment; campaign?: CampaignView; wallet?: WalletView };
}

export interface TenantSnapshot {
  takenAt: string; liveCalls: CallRecord[]; campaigns: CampaignView[]; wallet: WalletView;
  floor: { minutes: import("./floor").FloorMinute[] };
}

export interface CallSnapshot { call: CallView; transcript: TranscriptSegment[]; sourceEpoch: string; sequence: number }

export interface SupervisorSession { liveKitUrl: string; roomName: string; participantIdentity: string; participantToken: string; expiresAt: string; canPublish: boolean; hidden: boolean }

export interface WhisperReceipt { whisperId: string; acknowledged: boolean; agentIdentity: string; failure?: string | null }
