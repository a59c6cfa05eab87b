using System.Text.RegularExpressions;
using VoicePlatform.Common;

namespace VoicePlatform.Agents;

public static partial class AgentRules
{
    public static void Validate(AgentSettings settings, string prefix, IDictionary<string, string[]> errors)
    {
        Validation.Required(errors, prefix + "name", settings.Name, AgentSettings.MaxNameLength);
        Provider(errors, prefix + "llm.provider", settings.Llm.Provider);
        Validation.Required(errors, prefix + "llm.model", settings.Llm.Model, 100);
        Validation.Range(errors, prefix + "llm.temperature", settings.Llm.Temperature, 0, 2);
        Provider(errors, prefix + "stt.provider", settings.Stt.Provider);
        Validation.Required(errors, prefix + "stt.model", settings.Stt.Model, 100);
        Validation.Language(errors, prefix + "stt.language", settings.Stt.Language);
        Provider(errors, prefix + "tts.provider", settings.Tts.Provider);
        Validation.Required(errors, prefix + "tts.model", settings.Tts.Model, 100);
        Validation.Text(errors, prefix + "tts.voice", settings.Tts.Voice, 200);
        if (settings.TurnDetection.EndpointingDelayMs is < 100 or > 5000) errors[prefix + "turnDetection.endpointingDelayMs"] = ["Between 100 and 5000."];
        Validation.Text(errors, prefix + "greeting", settings.Greeting, 1000, multiline: true);
        Validation.Text(errors, prefix + "customInstructions", settings.CustomInstructions, AgentSettings.MaxTextLength, multiline: true);
        if (settings.MaxCallDurationSeconds is < AgentSettings.MinCallSeconds or > AgentSettings.MaxCallSeconds)
            errors[prefix + "maxCallDurationSeconds"] = [$"Between {AgentSettings.MinCallSeconds} and {AgentSettings.MaxCallSeconds}."];
        if (settings.Voicemail.Action == VoicemailAction.LeaveMessage && string.IsNullOrWhiteSpace(settings.Voicemail.Message))
            errors[prefix + "voicemail.message"] = ["Required when the action is leave-message."];
        Validation.Text(errors, prefix + "voicemail.message", settings.Voicemail.Message, 1000, multiline: true);
        Validation.Items(errors, prefix + "endCallPhrases", settings.EndCallPhrases, 20, 200);
        if (settings.LiveKitAgentName is null || !AgentName().IsMatch(settings.LiveKitAgentName))
            errors[prefix + "liveKitAgentName"] = ["1–64 letters, digits, '-' or '_'."];
    }

    public static void EnsureValid(AgentSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(settings, "", errors);
        Validation.ThrowIfAny(errors);
    }

    private static void Provider(IDictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null || !ProviderName().IsMatch(value)) errors[field] = ["A provider name: 1–50 lower-case letters, digits, '-' or '_'."];
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,49}$")]
    private static partial Regex ProviderName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex AgentName();
}
