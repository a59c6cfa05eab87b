using System.Text.Json;
using System.Text.RegularExpressions;
using VoicePlatform.Common;

namespace VoicePlatform.Personas;

/// <summary>What a valid persona profile is; reported per field by the API and enforced again by the grain.</summary>
public static partial class PersonaRules
{
    public static void Validate(PersonaProfile profile, string prefix, IDictionary<string, string[]> errors)
    {
        Validation.Required(errors, prefix + "name", profile.Name, PersonaProfile.MaxNameLength);
        Validation.Required(errors, prefix + "role", profile.Role, PersonaProfile.MaxNameLength);
        Validation.Required(errors, prefix + "instructions", profile.Instructions, PersonaProfile.MaxInstructionsLength, multiline: true);
        Validation.Items(errors, prefix + "personalityTraits", profile.PersonalityTraits, PersonaProfile.MaxListItems, 100);
        Validation.Text(errors, prefix + "tone", profile.Tone, PersonaProfile.MaxShortTextLength);
        Validation.Text(errors, prefix + "languageStyle", profile.LanguageStyle, PersonaProfile.MaxShortTextLength);
        if (profile.Voice is null) errors[prefix + "voice"] = ["Required."];
        else
        {
            Validation.Required(errors, prefix + "voice.provider", profile.Voice.Provider, 50);
            Validation.Required(errors, prefix + "voice.voiceId", profile.Voice.VoiceId, 200);
            Validation.Range(errors, prefix + "voice.speed", profile.Voice.Speed, 0.5, 2.0);
        }
        Validation.Items(errors, prefix + "capabilities", profile.Capabilities, PersonaProfile.MaxListItems, PersonaProfile.MaxShortTextLength);
        if (profile.Tools.Count > PersonaProfile.MaxTools) errors[prefix + "tools"] = [$"At most {PersonaProfile.MaxTools} tools."];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < profile.Tools.Count && i < PersonaProfile.MaxTools; i++)
        {
            var field = $"{prefix}tools[{i}]";
            if (profile.Tools[i] is not { } tool) { errors[field] = ["A list element must not be null."]; continue; }
            if (tool.Name is null || !ToolName().IsMatch(tool.Name)) errors[field + ".name"] = ["snake_case, 2–64 characters, starting with a letter."];
            else if (!names.Add(tool.Name)) errors[field + ".name"] = [$"Another tool is already named '{tool.Name}'."];
            Validation.Required(errors, field + ".description", tool.Description, 1000, multiline: true);
            if (!IsObjectSchema(tool.Parameters)) errors[field + ".parameters"] = ["A JSON Schema object with \"type\": \"object\" (at most 10,000 characters)."];
        }
    }

    public static void EnsureValid(PersonaProfile profile)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(profile, "", errors);
        Validation.ThrowIfAny(errors);
    }

    private static bool IsObjectSchema(string? json)
    {
        if (json is null || json.Length > 10_000) return false;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString() == "object";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex ToolName();
}
