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
