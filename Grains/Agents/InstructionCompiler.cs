using System.Text;
using System.Text.RegularExpressions;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Personas;

namespace VoicePlatform.Grains.Agents;

/// <summary>
/// Builds an agent's prompt in layers — brand, persona, agent, call — and fills <c>{{variable}}</c>
/// placeholders. The brand's and persona's names are variables too (company_name, brand_name, persona_name). A placeholder with no value stays as
/// written and is reported, so a missing lead field is visible rather than silently blank.
/// </summary>
public static partial class InstructionCompiler
{
    public static CompiledInstructions Compile(BrandProfile brand, PersonaProfile persona, AgentSettings agent, IReadOnlyDictionary<string, string> variables)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["company_name"] = brand.CompanyName,
            ["brand_name"] = brand.CompanyName,
            ["persona_name"] = persona.Name,
        };
        foreach (var (name, value) in variables) values[name] = value;

        var used = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        string Fill(string? text) => text is null ? "" : Placeholder().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (values.TryGetValue(name, out var value)) { used.Add(name); return value; }
            unknown.Add(name);
            return m.Value;
        });

        var prompt = new StringBuilder();
        prompt.AppendLine("# Brand");
        prompt.AppendLine($"You speak on behalf of {brand.CompanyName}{(brand.Industry is null ? "" : $", a company in {brand.Industry}")}.");
        AppendIf(prompt, brand.Description, d => Fill(d));
        AppendIf(prompt, brand.Website, w => $"Website: {w}");
        AppendIf(prompt, brand.VoiceAndTone, v => $"Voice and tone: {Fill(v)}");
        AppendList(prompt, "Always:", brand.Dos.Select(Fill));
        AppendList(prompt, "Never:", brand.Donts.Select(Fill));
        prompt.AppendLine($"Speak {brand.DefaultLanguage} unless the caller prefers another language.");

        prompt.AppendLine().AppendLine("# Persona");
        prompt.AppendLine($"You are {persona.Name}, {persona.Role}.");
        if (persona.PersonalityTraits.Count > 0) prompt.AppendLine($"Personality: {string.Join(", ", persona.PersonalityTraits)}.");
        AppendIf(prompt, persona.Tone, t => $"Tone: {t}");
        AppendIf(prompt, persona.LanguageStyle, s => $"Language style: {s}");
        prompt.AppendLine(Fill(persona.Instructions).Trim());
        AppendList(prompt, "You can:", persona.Capabilities);

        prompt.AppendLine().AppendLine("# This agent");
        AppendIf(prompt, agent.CustomInstructions, c => Fill(c).Trim());
        if (agent.EndCallPhrases.Count > 0)
            prompt.AppendLine($"End the call politely when the caller says something like: {string.Join("; ", agent.EndCallPhrases.Select(p => $"\"{p}\""))}.");
        prompt.AppendLine($"Keep the call under {agent.MaxCallDurationSeconds / 60.0:0.#} minutes.");
        prompt.AppendLine(agent.Voicemail.Action == VoicemailAction.LeaveMessage
            ? "If you reach voicemail, leave the voicemail message and hang up."
            : "If you reach voicemail, hang up without leaving a message.");

        var callContext = variables.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
        if (callContext.Count > 0)
        {
            prompt.AppendLine().AppendLine("# Call context");
            foreach (var (name, value) in callContext) prompt.AppendLine($"- {name}: {value}");
        }

        return new CompiledInstructions
        {
            Instructions = prompt.ToString().TrimEnd(),
            Greeting = agent.Greeting is null ? null : Fill(agent.Greeting),
            VoicemailMessage = agent.Voicemail.Action == VoicemailAction.LeaveMessage ? Fill(agent.Voicemail.Message) : null,
            UsedVariables = used.ToList(),
            UnknownVariables = unknown.ToList(),
        };
    }

    private static void AppendIf(StringBuilder prompt, string? value, Func<string, string> line)
    {
        if (!string.IsNullOrWhiteSpace(value)) prompt.AppendLine(line(value));
    }

    private static void AppendList(StringBuilder prompt, string heading, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0) return;
        prompt.AppendLine(heading);
        foreach (var item in list) prompt.AppendLine($"- {item}");
    }

    [GeneratedRegex(@"\{\{\s*([a-z][a-z0-9_]{0,63})\s*\}\}")]
    private static partial Regex Placeholder();
}
