using VoicePlatform.Agents;
using VoicePlatform.Common;
using VoicePlatform.Personas;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// An agent as a client sends it. <see cref="PersonaId"/> is required on create and refused on update: the
/// persona (and so the brand) is fixed for the agent's life. There is no brand field at all: it is inherited.
/// </summary>
public sealed record AgentRequest(
    string? PersonaId,
    string? Name,
    AgentDirection? Direction,
    LlmSettings? Llm,
    SttSettings? Stt,
    TtsSettings? Tts,
    TurnDetection? TurnDetection,
    string? Greeting,
    string? CustomInstructions,
    int? MaxCallDurationSeconds,
    VoicemailBehaviour? Voicemail,
    IReadOnlyList<string>? EndCallPhrases,
    string? LiveKitAgentName,
    AgentStatus? Status)
{
    public Dictionary<string, string[]> ValidateCreate(out PersonaId persona, out AgentSettings settings)
    {
        var errors = ValidateSettings(out settings);
        if (!PrefixedId.TryParse(PersonaId, out persona)) errors["personaId"] = ["The id of one of your personas (per_…) is required."];
        return errors;
    }

    public Dictionary<string, string[]> ValidateUpdate(out AgentSettings settings)
    {
        var errors = ValidateSettings(out settings);
        if (PersonaId is not null) errors["personaId"] = ["An agent's persona is fixed at creation; leave personaId out."];
        return errors;
    }

    private Dictionary<string, string[]> ValidateSettings(out AgentSettings settings)
    {
        var defaults = new AgentSettings { Name = "" };
        settings = defaults with
        {
            Name = Name?.Trim() ?? "",
            Direction = Direction ?? defaults.Direction,
            Llm = Llm ?? defaults.Llm,
            Stt = Stt ?? defaults.Stt,
            Tts = Tts ?? defaults.Tts,
            TurnDetection = TurnDetection ?? defaults.TurnDetection,
            Greeting = Greeting,
            CustomInstructions = CustomInstructions,
            MaxCallDurationSeconds = MaxCallDurationSeconds ?? defaults.MaxCallDurationSeconds,
            Voicemail = Voicemail ?? defaults.Voicemail,
            EndCallPhrases = EndCallPhrases ?? [],
            LiveKitAgentName = LiveKitAgentName ?? defaults.LiveKitAgentName,
            Status = Status ?? defaults.Status,
        };
        var errors = new Dictionary<string, string[]>();
        AgentRules.Validate(settings, "", errors);
        return errors;
    }
}
