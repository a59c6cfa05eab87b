using VoicePlatform.Leads;

namespace VoicePlatform.Grains.Leads;

/// <summary>What a lead gives its calls' prompts: its own columns, with its name and email when it has them.</summary>
public static class LeadVariables
{
    public static Dictionary<string, string> Of(LeadRecord lead)
    {
        var variables = new Dictionary<string, string>(lead.Variables, StringComparer.Ordinal);
        if (lead.Name is { Length: > 0 } name) variables.TryAdd("name", name);
        if (lead.Email is { Length: > 0 } email) variables.TryAdd("email", email);
        return variables;
    }
}
