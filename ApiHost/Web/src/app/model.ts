// The API's shapes as the console reads them (only the fields it uses).

export type UserRole = "tenant-admin" | "supervisor" | "operator";

export interface UserView {
  id: string; email: string; displayName: string; role: UserRole; tenantId?: string | null; status: string;
  createdAt: string; lastSignInAt?: string | null; activeSessions: number; invitedBy?: string | null;
}

export interface SessionResponse { user: UserView; csrfToken: string }

export interface InvitationView {
  id: string; email: string; role: UserRole; tenantId?: string | null; tenantName?: string | null; invitedBy: string;
  createdAt: string; expiresAt: string;
}

export interface BrandBadge { id: string; name: string }

export interface SocialLink { network: string; url: string }

export interface BrandProfile {
  companyName: string; industry?: string | null; website?: string | null; logoUrl?: string | null; socialLinks: SocialLink[];
  voiceAndTone?: string | null; dos: string[]; donts: string[]; defaultLanguage: string; defaultTimeZone: string; description?: string | null;
}

export interface BrandView { id: string; profile: BrandProfile; status: "active" | "archived"; revision: number; createdAt: string; updatedAt: string }

export interface BrandEntry { id: string; name: string; status: "active" | "archived"; industry?: string | null }

export interface TenantSnapshot { id: string; name: string; status: string; settings: Record<string, unknown> }

export interface PersonaTool { name: string; description: string; parameters: unknown }

export interface PersonaVoice { provider: string; voiceId: string; speed: number }

export interface PersonaProfile {
  name: string; role: string; instructions: string; personalityTraits: string[]; tone?: string | null; languageStyle?: string | null;
  voice: PersonaVoice; capabilities: string[]; tools: PersonaTool[];
}

export interface PersonaView { id: string; brand: BrandBadge; profile: PersonaProfile; templateId?: string | null; agentCount: number; revision: number; updatedAt: string }

export interface PersonaEntry { id: string; name: string; brandId: string; role: string }

export interface PersonaListing { persona: PersonaEntry; brand: BrandBadge; agentCount: number }

export interface PersonaTemplate { id: string; title: string; summary: string; profile: PersonaProfile }

export type AgentStatus = "draft" | "active" | "disabled";

export interface AgentSettings {
  name: string; direction: "outbound" | "inbound" | "both";
  llm: { provider: string; model: string; temperature: number };
  stt: { provider: string; model: string; language: string };
  tts: { provider: string; model: string; voice?: string | null };
  turnDetection: { mode: "semantic-model" | "vad" | "stt"; endpointingDelayMs: number; allowInterruptions: boolean };
  greeting?: string | null; customInstructions?: string | null; maxCallDurationSeconds: number;
  voicemail: { action: "hang-up" | "leave-message"; message?: string | null }; endCallPhrases: string[]; liveKitAgentName: string; status: AgentStatus;
}

export interface AgentView { id: string; personaId: string; brand: BrandBadge; settings: AgentSettings; revision: number; updatedAt: string }

export interface AgentListing { agent: { id: string; name: string; personaId: string; brandId: string; status: AgentStatus; direction: string }; brand: BrandBadge }

export interface CompiledInstructions { instructions: string; greeting?: string | null; voicemailMessage?: string | null; usedVariables: string[]; unknownVariables: string[] }

export interface TestCallSession { roomName: string; liveKitUrl: string; participantIdentity: string; participantToken: string; expiresAt: string; dispatchId: string }

export type CampaignStatus = "draft" | "running" | "paused" | "completed" | "cancelled";

export interface CallWindowView { days: string[]; startMinute: number; endMinute: number }

export interface RetryRule { delayMinutes: number; maxAttempts: number }

export interface CampaignSettings {
  name: string; agentId: string; callerIdNumberIds: string[]; trunkId?: string | null; startsAt?: string | null; endsAt?: string | null;
  windows: CallWindowView[]; defaultTimeZone?: string | null; defaultRegion: string;
  pacing: { maxConcurrentCalls: number; maxDialsPerMinute: number };
  retry: { noAnswer: RetryRule; busy: RetryRule; voicemail: RetryRule; failed: RetryRule; maxAttemptsPerLead: number };
  requireConsentForUsNumbers: boolean; autoResume: boolean; abandonRateLimitPercent: number; callerIdRotation: string; callingRules: CallingRule[];
}

export interface CallingRule {
  id: string; appliesTo: string; fromMinute?: number | null; toMinute?: number | null; noCallDays: string[]; holidays: string[];
  maxAttempts?: number | null; perHours?: number | null; source: string;
}

export interface CampaignProgress {
  leadsByStatus: Record<string, number>; liveCalls: number; dialsLastMinute: number;
  notDialing?: { reason: string; nextDialAt?: string | null; detail: string } | null;
  startedAt?: string | null; finishedAt?: string | null; attemptsByOutcome: Record<string, number>; estimatedCompletionAt?: string | null;
}

export interface CampaignView { id: string; settings: CampaignSettings; brandId: string; status: CampaignStatus; pausedFor?: string | null; revision: number; createdAt: string; updatedAt: string; progress?: CampaignProgress | null; statusDetail?: string | null }

export interface CampaignEntry { id: string; name: string; status: CampaignStatus; agentId: string; brandId: string }

export interface LeadRowProblem { row: number; field: string; reason: string }

export interface LeadImportReport { received: number; added: number; alreadyInCampaign: number; leadsByStatus: Record<string, number>; rejected: LeadRowProblem[]; merged: unknown[] }

export interface CampaignFunnel { leads: number; dialed: number; connected: number; conversations: number; positive: number }

export interface PhoneNumberView { id: string; number: string; label?: string | null; trunkId?: string | null; [key: string]: unknown }

export type CallStatus = "queued" | "dialing" | "ringing" | "answered" | "ended";

export interface CallRecord {
  callId: string; agentId: string; brandId?: string | null; campaignId?: string | null; leadId?: string | null; to: string; from?: string | null;
  status: CallStatus; endReason?: string | null; answeredBy?: string | null; disposition?: string | null; queuedAt: string; answeredAt?: string | null;
  endedAt?: string | null; billedSeconds: number; costTotal?: number | null; currency?: string | null; direction: "outbound" | "inbound";
}

export interface CallView {
  id: string; agentId: string; brandId?: string | null; to: string; from?: string | null; status: CallStatus; endReason?: string | null; endDetail?: string | null;
  queuedAt: string; dialingAt?: string | null; ringingAt?: string | null; answeredAt?: string | null; endedAt?: string | null; campaignId?: string | null;
  leadId?: string | null; answeredBy?: string | null; direction: "outbound" | "inbound";
  outcome?: { disposition: string; callbackAt?: string | null; tags: string[]; fields: Record<string, string>; summary?: string | null } | null;
  recording?: { egressId?: string | null; status: string; location?: string | null; durationMs: number; error?: string | null } | null;
}

export interface TranscriptSegment { id: string; speaker: string; text: string; startMs: number; endMs: number; final: boolean }

export interface CallEvent { key: string; at: string; type: string; detail: string }

export interface CostComponent { kind: string; provider?: string | null; model?: string | null; quantity: number; unit: string; rateMicros: number; ratePer: number; amount: number; estimated: boolean; unpriced: boolean }

export interface CallCostView { settled: boolean; cost?: { currency: string; priceBookVersion: number; components: CostComponent[]; total: number } | null; billedSeconds: number; debited: number; refunded: number; shortfall: number; settledAt?: string | null }

export interface WalletView { currency: string; balance: number; reserved: number; available?: number; lowBalanceThreshold: number; lowBalance: boolean }

export interface WalletLedgerEntry { sequence: number; kind: string; status: string; amount: number; balanceChange: number; balanceAfter: number; reference: string; actor?: string | null; note?: string | null; at: string }

export interface UsageGroup { key?: string | null; calls: number; connectedCalls: number; billedSeconds: number; minutes: number; cost: number; currency?: string | null }
