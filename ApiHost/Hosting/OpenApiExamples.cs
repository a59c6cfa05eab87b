using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiKeys;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Inbound;
using VoicePlatform.Pricing;
using VoicePlatform.Campaigns;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Leads;
using VoicePlatform.Personas;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// Examples in the OpenAPI document, built from real request and response objects and serialized with the
/// API's own JSON options, so an example can never drift from what the API accepts or returns.
/// </summary>
public static class OpenApiExamples
{
    private static readonly DoNotCallEntry DoNotCallSample = new()
    {
        Number = "+15125550177", Source = DoNotCallSource.CallOutcome, Reason = "the callee asked not to be called again", AddedBy = "platform",
        AddedAt = new DateTimeOffset(2026, 11, 20, 16, 4, 0, TimeSpan.Zero), CallId = PrefixedId.Derive<CallId>("example-dnc"),
    };

    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly BrandId Brand = PrefixedId.Derive<BrandId>("example");
    private static readonly PersonaId Persona = PrefixedId.Derive<PersonaId>("example");
    private static readonly AgentId Agent = PrefixedId.Derive<AgentId>("example");

    private static readonly BrandProfile BrandProfileSample = new()
    {
        CompanyName = "Bright Smile Dental",
        Industry = "Dental care",
        Website = "https://brightsmile.example",
        LogoUrl = "https://brightsmile.example/logo.png",
        SocialLinks = [new SocialLink { Network = "Instagram", Url = "https://instagram.com/brightsmile" }],
        VoiceAndTone = "Warm, calm and reassuring; plain words, no jargon.",
        Dos = ["Confirm the date and time back to the caller"],
        Donts = ["Give medical advice", "Quote prices for treatments"],
        DefaultLanguage = "en-US",
        DefaultTimeZone = "America/Chicago",
        Description = "A family dental practice in Austin, open six days a week.",
    };

    private static readonly PersonaProfile PersonaProfileSample = new()
    {
        Name = "Ava",
        Role = "Receptionist",
        Instructions = "Greet {{first_name}}, find out what they need and book a visit at {{company_name}}.",
        PersonalityTraits = ["friendly", "patient", "organised"],
        Tone = "warm",
        LanguageStyle = "short spoken sentences",
        Voice = new PersonaVoice { Provider = "openai", VoiceId = "coral", Speed = 1.0 },
        Capabilities = ["Book appointments", "Answer opening-hours questions"],
        Tools = [new PersonaTool { Name = "book_appointment", Description = "Book a visit", Parameters = """{"type":"object","properties":{"start":{"type":"string","format":"date-time"}},"required":["start"]}""" }],
    };

    private static readonly AgentSettings AgentSettingsSample = new()
    {
        Name = "Front desk (outbound)",
        Direction = AgentDirection.Outbound,
        Greeting = "Hi {{first_name}}, this is {{persona_name}} from {{company_name}}.",
        CustomInstructions = "Offer the earliest free slot first.",
        MaxCallDurationSeconds = 600,
        Voicemail = new VoicemailBehaviour { Action = VoicemailAction.LeaveMessage, Message = "Please call {{company_name}} back on 512-555-0100." },
        EndCallPhrases = ["goodbye", "not interested"],
        Status = AgentStatus.Active,
    };

    private static readonly WebhookEndpointView WebhookEndpointSample = new()
    {
        Id = PrefixedId.Derive<WebhookEndpointId>("example"), Url = "https://hooks.brightsmile.example/voiceplatform", Description = "CRM sync",
        EventTypes = [WebhookEventTypes.CallEnded, WebhookEventTypes.LeadCompleted, WebhookEventTypes.WalletLowBalance],
        Status = WebhookEndpointStatus.Enabled, Revision = 1, CreatedAt = At, UpdatedAt = At,
    };

    private static readonly WebhookDelivery WebhookDeliverySample = new()
    {
        Id = "dlv_1042", EndpointId = WebhookEndpointSample.Id, EventId = "evt_k3p9q2xam4r8t2wqbc5d6f7g8h", EventType = WebhookEventTypes.CallEnded,
        Status = WebhookDeliveryStatus.Delivered, Attempts = 2, LastStatusCode = 200, CreatedAt = At, DeliveredAt = At.AddSeconds(4),
    };

    private static readonly BrandBadge Badge = new() { Id = Brand, Name = BrandProfileSample.CompanyName };

    private static readonly CampaignSettings CampaignSample = new()
    {
        Name = "Spring renewals",
        AgentId = Agent,
        CallerIdNumberIds = [PrefixedId.Derive<PhoneNumberId>("example")],
        Windows = [new CallWindow { Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], StartMinute = 9 * 60, EndMinute = 18 * 60 }],
        DefaultTimeZone = "America/Chicago",
        Pacing = new CampaignPacing { MaxConcurrentCalls = 10, MaxDialsPerMinute = 60 },
        CallerIdRotation = CallerIdRotation.LocalPresence,
        AutoResume = true,
        CallingRules = [new CallingRule { Id = "no-christmas-eve", AppliesTo = "*", Holidays = ["2026-12-24"], Source = "tenant policy" }],
    };

    private static readonly SipTrunkProviderRequest ProviderSample = new("example.pstn.twilio.com", SipTransport.Tls, "voiceplatform", "s3cret-only-sent", null);

    private static readonly BlockedCaller BlockedCallerSample = new()
    {
        Number = "+15125550142", Reason = "Repeated abusive calls", AddedBy = "key_example", AddedAt = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero),
    };

    private static readonly InboundRoutingRequest InboundSample = new(Agent.Value, "America/Chicago",
        [new CallWindowRequest([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], "09:00", "17:00")],
        ["2026-12-25"], null, "Thanks for calling Bright Smile Dental. We are closed; please call again from 9 to 5.", true);

    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(CreateTenantRequest)] = new CreateTenantRequest("Northwind Agency", new TenantSettingsRequest("America/New_York", "USD", 25, 20m)),
        [typeof(UpdateTenantRequest)] = new UpdateTenantRequest(null, new TenantSettingsRequest(null, null, 40, null)),
        [typeof(TenantOwnSettingsRequest)] = new TenantOwnSettingsRequest(null, 25m,
            [new CallingRuleRequest("no-christmas-eve", "*", null, null, null, ["2026-12-24"], null, null, "Agency policy: no calls on Christmas Eve")]),
        [typeof(SuspendTenantRequest)] = new SuspendTenantRequest("Invoice 2026-118 unpaid"),
        [typeof(CreateApiKeyRequest)] = new CreateApiKeyRequest("Wallboard", ApiKeyRole.Supervisor),
        [typeof(BrandRequest)] = new BrandRequest(BrandProfileSample.CompanyName, BrandProfileSample.Industry, BrandProfileSample.Website,
            BrandProfileSample.LogoUrl, BrandProfileSample.SocialLinks, BrandProfileSample.VoiceAndTone, BrandProfileSample.Dos, BrandProfileSample.Donts,
            BrandProfileSample.DefaultLanguage, BrandProfileSample.DefaultTimeZone, BrandProfileSample.Description),
        [typeof(CloneBrandRequest)] = new CloneBrandRequest("Bright Smile Dental — Round Rock"),
        [typeof(PersonaRequest)] = new PersonaRequest(Brand.Value, PersonaProfileSample.Name, PersonaProfileSample.Role, PersonaProfileSample.Instructions,
            PersonaProfileSample.PersonalityTraits, PersonaProfileSample.Tone, PersonaProfileSample.LanguageStyle, PersonaProfileSample.Voice,
            PersonaProfileSample.Capabilities, PersonaProfileSample.Tools),
        [typeof(PersonaFromTemplateRequest)] = new PersonaFromTemplateRequest("receptionist", Brand.Value, "Ava"),
        [typeof(AgentRequest)] = new AgentRequest(Persona.Value, AgentSettingsSample.Name, AgentSettingsSample.Direction, null, null, null, null,
            AgentSettingsSample.Greeting, AgentSettingsSample.CustomInstructions, AgentSettingsSample.MaxCallDurationSeconds, AgentSettingsSample.Voicemail,
            AgentSettingsSample.EndCallPhrases, null, AgentSettingsSample.Status),
        [typeof(SipTrunkRequest)] = new SipTrunkRequest(null, "Twilio US outbound", ["+15125550100", "+15125550101"], 30, 5, SipTrunkStatus.Active,
            SipTrunkDirection.Outbound, ProviderSample),
        [typeof(SipTrunkProviderRequest)] = ProviderSample,
        [typeof(PhoneNumberRequest)] = new PhoneNumberRequest("+1 512-555-0100", "Austin main line", PhoneNumberStatus.Active, Brand.Value, Agent.Value,
            PrefixedId.Derive<SipTrunkId>("example").Value, InboundSample),
        [typeof(InboundRoutingRequest)] = InboundSample,
        [typeof(BlockedCallerRequest)] = new BlockedCallerRequest("+1 512-555-0142", "Repeated abusive calls"),
        [typeof(InboundClaimRequest)] = new InboundClaimRequest
        {
            Room = "vpin_tnt_example_num_example_+15125550199_aB3dEf9hJkLm", SipCallId = "SCL_aB3dEf9hJkLm", CallerNumber = "+15125550199",
            CalledNumber = "+15125550100", TrunkId = "ST_a1B2c3D4e5F6", RuleId = "SDR_a1B2c3D4e5F6", ParticipantIdentity = "sip_+15125550199",
        },
        [typeof(TranscriptRequest)] = new TranscriptRequest([
            new TranscriptSegmentRequest("seg-1", Speaker.Agent, "Hi Maria, this is Ava from Bright Smile Dental. Is now a good time?", 0, 4200, true),
            new TranscriptSegmentRequest("seg-2", Speaker.Callee, "Sure, what is it about?", 4600, 6100, true)]),
        [typeof(UsageRequest)] = new UsageRequest("usage-1", [
            new UsageItemRequest(UsageKind.Stt, "deepgram", "nova-3", 95_000, null, null, null),
            new UsageItemRequest(UsageKind.Llm, "openai", "gpt-4o-mini", null, 6_400, 820, null),
            new UsageItemRequest(UsageKind.Tts, "cartesia", "sonic-2", null, null, null, 1_150)]),
        [typeof(AnsweredByRequest)] = new AnsweredByRequest(AnsweredBy.Human, At),
        [typeof(OutcomeRequest)] = new OutcomeRequest(1, CallDisposition.CallbackRequested, new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero),
            ["warm"], new Dictionary<string, string> { ["preferred_day"] = "Wednesday" }, "Interested in whitening; asked to be called back Wednesday afternoon."),
        [typeof(TransferRequest)] = new TransferRequest("+15125550142"),
        [typeof(WebhookEndpointRequest)] = new WebhookEndpointRequest("https://hooks.brightsmile.example/voiceplatform", "CRM sync",
            [WebhookEventTypes.CallEnded, WebhookEventTypes.LeadCompleted, WebhookEventTypes.WalletLowBalance]),
        [typeof(RotateWebhookSecretRequest)] = new RotateWebhookSecretRequest(86_400),
        [typeof(WhisperRequest)] = new WhisperRequest("She asked about price twice: offer the Tuesday cleaning special now."),
        [typeof(SupervisorSeatRequest)] = new SupervisorSeatRequest("supervisor-key_abcdefghijklmnop-x7k2qp"),
        [typeof(PlaceCallRequest)] = new PlaceCallRequest(Agent.Value, "+15125550199", PrefixedId.Derive<PhoneNumberId>("example").Value,
            new Dictionary<string, string> { ["first_name"] = "Maria" }),
        [typeof(BrandView)] = new BrandView { Id = Brand, Profile = BrandProfileSample, Status = BrandStatus.Active, Revision = 3, CreatedAt = At, UpdatedAt = At },
        [typeof(PersonaView)] = new PersonaView { Id = Persona, Brand = Badge, Profile = PersonaProfileSample, AgentCount = 2, Revision = 1, CreatedAt = At, UpdatedAt = At },
        [typeof(AgentView)] = new AgentView { Id = Agent, PersonaId = Persona, Brand = Badge, Settings = AgentSettingsSample, Revision = 4, CreatedAt = At, UpdatedAt = At },
        [typeof(CompiledInstructions)] = new CompiledInstructions
        {
            Instructions = "# Brand\nYou speak on behalf of Bright Smile Dental, a company in Dental care.\n…\n# Call context\n- first_name: Maria",
            Greeting = "Hi Maria, this is Ava from Bright Smile Dental.",
            UsedVariables = ["company_name", "first_name", "persona_name"],
            UnknownVariables = [],
        },
    };

    private static readonly SipTrunkId Trunk = PrefixedId.Derive<SipTrunkId>("example");
    private static readonly PhoneNumberId Number = PrefixedId.Derive<PhoneNumberId>("example");
    private static readonly TenantId Tenant = TenantId.FromIdempotencyKey("example");

    private static readonly LeadRecord LeadSample = new()
    {
        TenantId = TenantId.FromIdempotencyKey("example"), CampaignId = PrefixedId.Derive<CampaignId>("example"),
        LeadId = LeadRecord.IdFor(PrefixedId.Derive<CampaignId>("example"), "+15125550180"), Phone = "+15125550180", Name = "Rivera, Ana",
        ConsentAt = new DateTimeOffset(2026, 5, 1, 14, 30, 0, TimeSpan.Zero), ConsentSource = "web form",
        Variables = new Dictionary<string, string> { ["first_name"] = "Ana", ["plan"] = "gold" },
        Status = LeadStatus.Scheduled, NextCallableAt = new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero), Revision = 1,
        ImportedAt = At, UpdatedAt = At,
    };

    private static readonly SupervisionEntry SupervisionSample = new()
    {
        At = At, Action = SupervisionAction.Listen, Actor = "key_abcdefghijklmnop", Participant = "supervisor-key_abcdefghijklmnop-x7k2qp",
    };

    private static readonly Dictionary<Type, object> ResponseSamples = new()
    {
        [typeof(TenantSnapshot)] = new TenantSnapshot
        {
            Id = Tenant, Name = "Northwind Agency", Status = TenantStatus.Active,
            Settings = new TenantSettings { DefaultTimeZone = "America/New_York", Currency = "USD", ConcurrencyLimit = 25, LowBalanceThreshold = 20m },
            CreatedAt = At, UpdatedAt = At,
        },
        [typeof(TenantPage)] = new TenantPage { Items = [new TenantListing { Id = Tenant, Name = "Northwind Agency", Status = TenantStatus.Active, CreatedAt = At }], Next = null },
        [typeof(ApiKeySummary)] = KeySample,
        [typeof(CreatedApiKeyResponse)] = new CreatedApiKeyResponse(KeySample, "vpk_abcdefghijklmnop_" + new string('q', 52)),
        [typeof(LiveTokenResponse)] = new LiveTokenResponse("vph.eyJUZW5hbnQiOiJ0bnRfZXhhbXBsZSJ9.c2lnbmF0dXJl", At.AddMinutes(2), "/hubs/live"),
        [typeof(SupervisorSession)] = new SupervisorSession
        {
            LiveKitUrl = "wss://livekit.example.com", RoomName = "vp_tnt_example_cal_example", ParticipantIdentity = "supervisor-key_abcdefghijklmnop-x7k2qp",
            ParticipantToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ2aWRlbyI6eyJoaWRkZW4iOnRydWV9fQ.c2lnbmF0dXJl", ExpiresAt = At.AddMinutes(2),
            CanPublish = false, Hidden = true,
        },
        [typeof(WhisperReceipt)] = new WhisperReceipt
        {
            WhisperId = "w7k2qpx9ab", Acknowledged = true, AgentIdentity = "agent-AD_k3Lm9pQr2sTu", At = At.AddMinutes(1),
        },
        [typeof(SupervisionEntry)] = SupervisionSample,
        [typeof(IReadOnlyList<SupervisionEntry>)] = new List<SupervisionEntry> { SupervisionSample, SupervisionSample with { At = At.AddMinutes(1), Action = SupervisionAction.Whisper, Participant = "agent-AD_k3Lm9pQr2sTu", Detail = "acknowledged: She asked about price twice: offer the Tuesday cleaning special now." },
            SupervisionSample with { At = At.AddMinutes(3), Action = SupervisionAction.StopListening } },
        [typeof(CampaignRequest)] = new CampaignRequest("Spring renewals", Agent.Value, [PrefixedId.Derive<PhoneNumberId>("example").Value], null,
            new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), null,
            [new CallWindowRequest([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], "09:00", "18:00")],
            "America/Chicago", "US", new CampaignPacing { MaxConcurrentCalls = 10, MaxDialsPerMinute = 60 }, null, CallerIdRotation.LocalPresence, true, true, 3,
            [new CallingRuleRequest("no-christmas-eve", "*", null, null, null, ["2026-12-24"], null, null, "tenant policy")]),
        [typeof(CampaignView)] = new CampaignView
        {
            Id = PrefixedId.Derive<CampaignId>("example"), Settings = CampaignSample, BrandId = Brand, Status = CampaignStatus.Running, Revision = 2, CreatedAt = At, UpdatedAt = At,
            Progress = new CampaignProgress
            {
                LeadsByStatus = new Dictionary<LeadStatus, int> { [LeadStatus.Scheduled] = 812, [LeadStatus.Dialing] = 10, [LeadStatus.RetryScheduled] = 95, [LeadStatus.Completed] = 71, [LeadStatus.Exhausted] = 12 },
                AttemptsByOutcome = new Dictionary<string, int> { ["conversation"] = 71, ["no-answer"] = 88, ["busy"] = 19, ["voicemail"] = 9 },
                LiveCalls = 10, DialsLastMinute = 12, CurrentDialsPerMinute = 60, StartedAt = new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero),
                NotDialing = new NotDialing(NotDialingReason.CampaignConcurrencyLimit, null, "10 calls live, the campaign's most; the next dial follows a call's end."),
                AnsweredLast30Days = 180, AbandonRatePercent30Days = 1.11, RecentAbandonRatePercent = 0.9,
                EstimatedCompletionAt = new DateTimeOffset(2026, 12, 7, 17, 25, 0, TimeSpan.Zero),
            },
        },
        [typeof(Page<CampaignEntry>)] = new Page<CampaignEntry>
        {
            Items = [new CampaignEntry { Id = PrefixedId.Derive<CampaignId>("example"), Name = CampaignSample.Name, Status = CampaignStatus.Draft, AgentId = Agent, BrandId = Brand }],
        },
        [typeof(LeadImportRequest)] = new LeadImportRequest(
            "phone,name,consent_at,consent_source,first_name,plan\n+1 512-555-0180,\"Rivera, Ana\",2026-05-01T14:30:00Z,web form,Ana,gold\n(512) 555-0181,Lee Chen,2026-05-02T09:10:00-05:00,paper form,Lee,silver\n", null),
        [typeof(LeadImportReport)] = new LeadImportReport
        {
            Received = 3, Added = 1, AlreadyInCampaign = 0,
            LeadsByStatus = new Dictionary<LeadStatus, int> { [LeadStatus.Scheduled] = 1 },
            Rejected = [new LeadRowProblem(3, "phone", "'555-01' is not a phone number.")],
            Merged = [new LeadMerge(4, 2)],
        },
        [typeof(LeadImportJob)] = new LeadImportJob
        {
            Id = PrefixedId.Derive<LeadImportId>("example"), CampaignId = PrefixedId.Derive<CampaignId>("example"), Status = LeadImportStatus.Processing,
            PartsReceived = 25, PartsProcessed = 11, RowsReceived = 248_113, RowsProcessed = 110_000, Progress = 0.44,
            Added = 108_870, AlreadyInCampaign = 912, RowsMerged = 203, RowsRejected = 15,
            Rejected = [new LeadRowProblem(4_812, "phone", "'555-01' is not a phone number."), new LeadRowProblem(90_177, "timezone", "'EST5' is not an IANA time zone (for example America/Chicago).")],
            CreatedAt = At,
        },
        [typeof(Page<LeadRecord>)] = new Page<LeadRecord> { Items = [LeadSample] },
        [typeof(CampaignFunnel)] = new CampaignFunnel { Leads = 1000, Dialed = 640, Connected = 288, Conversations = 171, Positive = 43 },
        [typeof(LeadRecord)] = LeadSample with
        {
            Status = LeadStatus.RetryScheduled, Attempts = 1, Revision = 3, NextCallableAt = new DateTimeOffset(2026, 12, 7, 19, 5, 0, TimeSpan.Zero),
            StatusReason = "No-answer: retry after 240 minutes", LastDialedAt = new DateTimeOffset(2026, 12, 7, 15, 0, 2, TimeSpan.Zero),
            AttemptLog =
            [
                new LeadAttempt
                {
                    Number = 1, CallId = LeadRecord.CallIdFor(LeadSample.LeadId, 2), DialedAt = new DateTimeOffset(2026, 12, 7, 15, 0, 2, TimeSpan.Zero),
                    EndedAt = new DateTimeOffset(2026, 12, 7, 15, 0, 34, TimeSpan.Zero), EndReason = CallEndReason.NoAnswer, Outcome = "no-answer",
                    Decision = "no-answer: retry after 240 minutes; next attempt at 2026-12-07 19:05:00Z",
                },
            ],
        },
        [typeof(DoNotCallRequest)] = new DoNotCallRequest("+1 512-555-0177", "Asked by email on 2026-11-20"),
        [typeof(DoNotCallImportRequest)] = new DoNotCallImportRequest([new DoNotCallRequest("+15125550178", null), new DoNotCallRequest("+15125550179", "Former customer")]),
        [typeof(DoNotCallImported)] = new DoNotCallImported(2, 1),
        [typeof(DoNotCallEntry)] = DoNotCallSample,
        [typeof(Page<DoNotCallEntry>)] = new Page<DoNotCallEntry> { Items = [DoNotCallSample], Next = DoNotCallSample.Number },
        [typeof(Page<BrandEntry>)] = new Page<BrandEntry> { Items = [new BrandEntry { Id = Brand, Name = BrandProfileSample.CompanyName, Status = BrandStatus.Active, Industry = "Dental care" }] },
        [typeof(Page<PersonaListing>)] = new Page<PersonaListing>
        {
            Items = [new PersonaListing { Persona = new PersonaEntry { Id = Persona, Name = "Ava", BrandId = Brand, Role = "Receptionist" }, Brand = Badge, AgentCount = 2 }],
        },
        [typeof(Page<AgentListing>)] = new Page<AgentListing>
        {
            Items = [new AgentListing
            {
                Agent = new AgentEntry { Id = Agent, Name = AgentSettingsSample.Name, PersonaId = Persona, BrandId = Brand, Status = AgentStatus.Active, Direction = AgentDirection.Outbound },
                Brand = Badge,
            }],
        },
        [typeof(PersonaTemplate)] = new PersonaTemplate { Id = "receptionist", Title = "Receptionist", Summary = "Answers calls, routes them and books visits.", Profile = PersonaProfileSample },
        [typeof(TestCallSession)] = new TestCallSession
        {
            RoomName = $"vptest_{Tenant.Value}_{Agent.Value}_k3p9q2xa",
            LiveKitUrl = "wss://voice.example.livekit.cloud",
            ParticipantIdentity = "tester-m4r8t2wq",
            ParticipantToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…",
            ExpiresAt = At.AddMinutes(30),
            DispatchId = "AD_x7Hc2mQp9LkA",
        },
        [typeof(SipTrunkView)] = new SipTrunkView
        {
            Id = Trunk, LiveKitTrunkId = "ST_a1B2c3D4e5F6", Name = "Twilio US outbound", Numbers = ["+15125550100"], MaxConcurrentCalls = 30,
            CallsPerSecond = 5, Status = SipTrunkStatus.Active, Revision = 1, CreatedAt = At, UpdatedAt = At, Claimed = true,
            Direction = SipTrunkDirection.Outbound, Provider = new SipTrunkProvider { Address = "example.pstn.twilio.com", Transport = SipTransport.Tls, AuthUsername = "voiceplatform" },
            HasAuthPassword = true,
        },
        [typeof(PhoneNumberView)] = new PhoneNumberView
        {
            Id = Number, Number = "+15125550100", Label = "Austin main line", Status = PhoneNumberStatus.Active, AssignedBrandId = Brand, AssignedAgentId = Agent,
            TrunkId = Trunk, RegionCode = "US", CountryCode = 1, TimeZones = ["America/Chicago"], Revision = 2, CreatedAt = At, UpdatedAt = At, Claimed = true,
            Inbound = new InboundRouting
            {
                AgentId = Agent, TimeZone = "America/Chicago",
                Hours = [new VoicePlatform.Campaigns.CallWindow { Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], StartMinute = 9 * 60, EndMinute = 17 * 60 }],
                Holidays = [new DateOnly(2026, 12, 25)], ClosedMessage = "Thanks for calling Bright Smile Dental. We are closed; please call again from 9 to 5.",
            },
            LiveKitDispatchRuleId = "SDR_a1B2c3D4e5F6",
        },
        [typeof(BlockedCaller)] = BlockedCallerSample,
        [typeof(Page<BlockedCaller>)] = new Page<BlockedCaller> { Items = [BlockedCallerSample] },
        [typeof(InboundClaimResponse)] = new InboundClaimResponse
        {
            Mode = InboundClaimMode.Converse, CallId = PrefixedId.Derive<CallId>("example"), WorkerCredential = "vpc.tnt_example.cal_example.secret",
            TenantId = "tnt_example", AgentId = Agent.Value, Instructions = "You are Ava, the receptionist of Bright Smile Dental...",
            Greeting = "Bright Smile Dental, this is Ava. How can I help?", Variables = new Dictionary<string, string> { ["caller_number"] = "+15125550199" },
        },
        [typeof(CallView)] = new CallView
        {
            Id = PrefixedId.Derive<CallId>("example"), AgentId = Agent, BrandId = Brand, To = "+15125550199", From = "+15125550100", FromNumberId = Number,
            TrunkId = Trunk, Status = CallStatus.Ended, EndReason = CallEndReason.Busy, SipStatusCode = 486, DisconnectReason = "USER_REJECTED",
            RoomName = CallRoomName.Format(TenantId.FromIdempotencyKey("example"), PrefixedId.Derive<CallId>("example")),
            QueuedAt = At, DialingAt = At, EndedAt = At.AddSeconds(4),
        },
        [typeof(Page<CallRecord>)] = new Page<CallRecord> { Items = [CallRecordSample], Next = CallListCursor.Format(CallRecordSample.QueuedAt, CallRecordSample.CallId) },
        [typeof(IReadOnlyList<TranscriptSegment>)] = TranscriptSample,
        [typeof(TranscriptSegment)] = TranscriptSample[0],
        [typeof(IReadOnlyList<CallEvent>)] = EventsSample,
        [typeof(CallEvent)] = EventsSample[0],
        [typeof(TranscriptAccepted)] = new TranscriptAccepted(2),
        [typeof(UsageGroup)] = new UsageGroup { Key = "2026-11-23", Calls = 412, ConnectedCalls = 171, BilledSeconds = 22_830, Minutes = 380.5m, Cost = 4_187, Currency = "USD" },
        [typeof(IReadOnlyList<UsageGroup>)] = new List<UsageGroup>
        {
            new() { Key = "2026-11-23", Calls = 412, ConnectedCalls = 171, BilledSeconds = 22_830, Minutes = 380.5m, Cost = 4_187, Currency = "USD" },
            new() { Key = "2026-11-24", Calls = 96, ConnectedCalls = 40, BilledSeconds = 5_112, Minutes = 85.2m, Cost = 951, Currency = "USD" },
        },
        [typeof(CallCostView)] = new CallCostView
        {
            Settled = true, BilledSeconds = 132, Debited = 14, SettledAt = At.AddSeconds(161),
            Cost = new CallCost
            {
                Currency = "USD", PriceBookVersion = 3, OverridesRevision = 1, Total = 18,
                Components =
                [
                    new CostComponent { Kind = CostComponentKind.Telephony, Quantity = 132, Unit = "second", RateMicros = 14_000, RatePer = 60, Amount = 3 },
                    new CostComponent { Kind = CostComponentKind.Platform, Quantity = 132, Unit = "second", RateMicros = 50_000, RatePer = 60, Amount = 11 },
                    new CostComponent { Kind = CostComponentKind.Stt, Provider = "deepgram", Model = "nova-3", Quantity = 95_000, Unit = "audio-millisecond", RateMicros = 7_700, RatePer = 60_000, Amount = 1 },
                    new CostComponent { Kind = CostComponentKind.LlmInput, Provider = "openai", Model = "gpt-4o-mini", Quantity = 6_400, Unit = "token", RateMicros = 150_000, RatePer = 1_000_000, Amount = 0 },
                    new CostComponent { Kind = CostComponentKind.LlmOutput, Provider = "openai", Model = "gpt-4o-mini", Quantity = 820, Unit = "token", RateMicros = 600_000, RatePer = 1_000_000, Amount = 0 },
                    new CostComponent { Kind = CostComponentKind.Tts, Provider = "cartesia", Model = "sonic-2", Quantity = 1_150, Unit = "character", RateMicros = 30_000_000, RatePer = 1_000_000, Amount = 3 },
                ],
            },
        },
        [typeof(TelephonyClaimView)] = ClaimSample,
        [typeof(IReadOnlyList<TelephonyClaimView>)] = new List<TelephonyClaimView> { ClaimSample with { Contenders = [new TelephonyClaimHolder { Tenant = TenantId.FromIdempotencyKey("other"), RecordId = PrefixedId.Derive<PhoneNumberId>("other").Value }] } },
        [typeof(ReassignClaimRequest)] = new ReassignClaimRequest(Tenant.Value, Number.Value),
        [typeof(WebhookEndpointView)] = WebhookEndpointSample,
        [typeof(WebhookSecretIssued)] = new WebhookSecretIssued { Endpoint = WebhookEndpointSample, Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
        [typeof(Page<WebhookEndpointView>)] = new Page<WebhookEndpointView> { Items = [WebhookEndpointSample] },
        [typeof(IReadOnlyList<WebhookEventType>)] = WebhookEventTypes.Described,
        [typeof(WebhookEventType)] = WebhookEventTypes.Described[2],
        [typeof(WebhookDelivery)] = WebhookDeliverySample with
        {
            AttemptLog =
            [
                new WebhookAttempt { Number = 1, At = At, StatusCode = 503, LatencyMs = 41, Error = "HTTP 503: upstream unavailable" },
                new WebhookAttempt { Number = 2, At = At.AddSeconds(4), StatusCode = 200, LatencyMs = 37 },
            ],
            Body = """{"id":"evt_k3p9q2xam4r8t2wqbc5d6f7g8h","type":"call.ended","tenantId":"tnt_example","sourceId":"cal_example","sourceEpoch":"durable","sequence":3,"at":"2026-11-23T09:32:12.000000Z","payload":{"call":{"id":"cal_example","status":"ended"},"cost":{"settled":true}}}""",
        },
        [typeof(Page<WebhookDelivery>)] = new Page<WebhookDelivery> { Items = [WebhookDeliverySample], Next = WebhookDeliverySample.Id },
        [typeof(Page<SipTrunkSummary>)] = new Page<SipTrunkSummary>
        {
            Items = [new SipTrunkSummary { Id = Trunk, Name = "Twilio US outbound", LiveKitTrunkId = "ST_a1B2c3D4e5F6", Numbers = ["+15125550100"], Status = SipTrunkStatus.Active }],
        },
        [typeof(Page<PhoneNumberSummary>)] = new Page<PhoneNumberSummary>
        {
            Items = [new PhoneNumberSummary { Id = Number, Number = "+15125550100", Label = "Austin main line", Status = PhoneNumberStatus.Active, AssignedBrandId = Brand, TrunkId = Trunk }],
        },
    };

    private static TelephonyClaimView ClaimSample => new()
    {
        Key = TelephonyClaimKey.Number("+15125550100"), Holder = new TelephonyClaimHolder { Tenant = Tenant, RecordId = Number.Value }, ClaimedAt = At,
    };

    private static CallRecord CallRecordSample => new()
    {
        TenantId = Tenant, CallId = PrefixedId.Derive<CallId>("example"), Revision = 4, AgentId = Agent, BrandId = Brand, To = "+15125550199",
        From = "+15125550100", Status = CallStatus.Ended, EndReason = CallEndReason.Completed, AnsweredBy = AnsweredBy.Human,
        Disposition = CallDisposition.Qualified, QueuedAt = At, AnsweredAt = At.AddSeconds(9), EndedAt = At.AddSeconds(141),
    };

    private static IReadOnlyList<TranscriptSegment> TranscriptSample =>
    [
        new() { Id = "seg-1", Speaker = Speaker.Agent, Text = "Hi Maria, this is Ava from Bright Smile Dental. Is now a good time?", StartMs = 0, EndMs = 4200, Final = true },
        new() { Id = "seg-2", Speaker = Speaker.Callee, Text = "Sure, what is it about?", StartMs = 4600, EndMs = 6100, Final = true },
    ];

    private static IReadOnlyList<CallEvent> EventsSample =>
    [
        new() { Key = "dialing", At = At, Type = CallEventTypes.StatusChanged, Detail = "dialing +15125550199 from +15125550100" },
        new() { Key = "answered", At = At.AddSeconds(9), Type = CallEventTypes.StatusChanged, Detail = "ringing -> answered" },
        new() { Key = "outcome:1", At = At.AddSeconds(130), Type = CallEventTypes.Outcome, Detail = "qualified: Wants a whitening consultation." },
        new() { Key = "webhook:EV_a1B2c3D4e5F6", At = At.AddSeconds(141), Type = CallEventTypes.LiveKitWebhook, Detail = "participant_left callee (CLIENT_INITIATED)" },
    ];

    private static ApiKeySummary KeySample => new()
    {
        KeyId = ApiKeyId.TryParse("key_abcdefghijklmnop", out var id) ? id : ApiKeyId.New(),
        Prefix = "vpk_abcdefghijklmnop",
        Name = "Wallboard",
        Role = ApiKeyRole.Supervisor,
        CreatedAt = At,
        LastUsedAt = At,
        IssuedBy = "operator",
    };

    static OpenApiExamples()
    {
        foreach (var (type, sample) in PricingOpenApiExamples.Samples) Add(type, sample);
        foreach (var (type, sample) in WalletOpenApiExamples.Samples) Add(type, sample);
        foreach (var (type, sample) in UsersOpenApiExamples.Samples) Add(type, sample);
    }

    /// <summary>Registers an example for every type that has a sample; later resources add theirs with <see cref="Add"/>.</summary>
    public static void Add(Type type, object sample) => Samples[type] = sample;

    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Samples.TryGetValue(context.JsonTypeInfo.Type, out var sample) || ResponseSamples.TryGetValue(context.JsonTypeInfo.Type, out sample))
            schema.Examples = [JsonSerializer.SerializeToNode(sample, context.JsonTypeInfo.Options)!];
        return Task.CompletedTask;
    }
}
