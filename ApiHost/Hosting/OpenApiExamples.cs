using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiKeys;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Personas;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// Examples in the OpenAPI document, built from real request and response objects and serialized with the
/// API's own JSON options, so an example can never drift from what the API accepts or returns.
/// </summary>
public static class OpenApiExamples
{
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

    private static readonly BrandBadge Badge = new() { Id = Brand, Name = BrandProfileSample.CompanyName };

    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(CreateTenantRequest)] = new CreateTenantRequest("Northwind Agency", new TenantSettingsRequest("America/New_York", "USD", 25, 20m)),
        [typeof(UpdateTenantRequest)] = new UpdateTenantRequest(null, new TenantSettingsRequest(null, null, 40, null)),
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
        [typeof(SipTrunkRequest)] = new SipTrunkRequest("ST_a1B2c3D4e5F6", "Twilio US outbound", ["+15125550100", "+15125550101"], 30, 5, SipTrunkStatus.Active),
        [typeof(PhoneNumberRequest)] = new PhoneNumberRequest("+1 512-555-0100", "Austin main line", PhoneNumberStatus.Active, Brand.Value, Agent.Value,
            PrefixedId.Derive<SipTrunkId>("example").Value),
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

    /// <summary>Registers an example for every type that has a sample; later resources add theirs with <see cref="Add"/>.</summary>
    public static void Add(Type type, object sample) => Samples[type] = sample;

    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Samples.TryGetValue(context.JsonTypeInfo.Type, out var sample))
            schema.Examples = [JsonSerializer.SerializeToNode(sample, context.JsonTypeInfo.Options)!];
        return Task.CompletedTask;
    }
}
