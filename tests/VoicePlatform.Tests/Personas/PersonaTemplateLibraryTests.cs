using System.Text.Json;
using System.Text.RegularExpressions;
using VoicePlatform.Common;
using VoicePlatform.Grains.Personas;
using VoicePlatform.Personas;

namespace VoicePlatform.Tests.Personas;

public sealed class PersonaTemplateLibraryTests
{
    private static readonly string[] CoreIds =
    [
        "receptionist", "appointment-setter", "lead-qualifier", "customer-support",
        "survey", "payment-reminder", "real-estate-enquiry", "recruiting-screener",
    ];

    private static readonly string[] InstructionSections = ["## Goal", "## Opening", "## Conversation flow", "## Rules", "## Ending"];

    private static readonly Regex KebabCase = new("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
    private static readonly Regex ToolName = new("^[a-z][a-z0-9_]{1,63}$");
    private static readonly Regex SnakeCase = new("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    private static readonly Regex Placeholder = new(@"\{\{(.*?)\}\}", RegexOptions.Singleline);

    public static TheoryData<string> TemplateIds => [.. PersonaTemplateLibrary.All.Select(t => t.Id)];

    private static PersonaTemplate Template(string id) => PersonaTemplateLibrary.All.Single(t => t.Id == id);

    private static IEnumerable<(string Field, string Text)> TextFields(PersonaTemplate template)
    {
        var profile = template.Profile;
        yield return ("title", template.Title);
        yield return ("summary", template.Summary);
        yield return ("name", profile.Name);
        yield return ("role", profile.Role);
        yield return ("instructions", profile.Instructions);
        if (profile.Tone is not null) yield return ("tone", profile.Tone);
        if (profile.LanguageStyle is not null) yield return ("languageStyle", profile.LanguageStyle);
        foreach (var trait in profile.PersonalityTraits) yield return ("personalityTraits", trait);
        foreach (var capability in profile.Capabilities) yield return ("capabilities", capability);
        foreach (var tool in profile.Tools) yield return ($"tools.{tool.Name}", tool.Description);
    }

    [Fact]
    public void TheLibraryHoldsEveryCoreTemplate()
    {
        Assert.True(PersonaTemplateLibrary.All.Count >= CoreIds.Length);
        Assert.All(CoreIds, id => Assert.Contains(PersonaTemplateLibrary.All, t => t.Id == id));
    }

    [Fact]
    public void TemplateIdsAreUniqueAndKebabCase()
    {
        var ids = PersonaTemplateLibrary.All.Select(t => t.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(KebabCase, id));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void EveryFieldPassesTheProfileLimits(string id)
    {
        var template = Template(id);
        var profile = template.Profile;
        var errors = new Dictionary<string, string[]>();

        Validation.Required(errors, "id", template.Id, PersonaProfile.MaxNameLength);
        Validation.Required(errors, "title", template.Title, PersonaProfile.MaxShortTextLength);
        Validation.Required(errors, "summary", template.Summary, PersonaProfile.MaxShortTextLength);
        Validation.Required(errors, "name", profile.Name, PersonaProfile.MaxNameLength);
        Validation.Required(errors, "role", profile.Role, PersonaProfile.MaxShortTextLength);
        if (string.IsNullOrWhiteSpace(profile.Instructions)) errors["instructions"] = ["Required."];
        Validation.Text(errors, "instructions", profile.Instructions, PersonaProfile.MaxInstructionsLength, multiline: true);
        Validation.Required(errors, "tone", profile.Tone, PersonaProfile.MaxShortTextLength);
        Validation.Required(errors, "languageStyle", profile.LanguageStyle, PersonaProfile.MaxShortTextLength);
        Validation.Items(errors, "personalityTraits", profile.PersonalityTraits, PersonaProfile.MaxListItems, PersonaProfile.MaxShortTextLength);
        Validation.Items(errors, "capabilities", profile.Capabilities, PersonaProfile.MaxListItems, PersonaProfile.MaxShortTextLength);
        Validation.Required(errors, "voice.provider", profile.Voice.Provider, PersonaProfile.MaxNameLength);
        Validation.Required(errors, "voice.voiceId", profile.Voice.VoiceId, PersonaProfile.MaxNameLength);
        Validation.Range(errors, "voice.speed", profile.Voice.Speed, 0.5, 2.0);
        if (profile.Tools.Count > PersonaProfile.MaxTools) errors["tools"] = [$"At most {PersonaProfile.MaxTools} items."];
        foreach (var tool in profile.Tools)
            Validation.Required(errors, $"tools.{tool.Name}.description", tool.Description, PersonaProfile.MaxShortTextLength);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void EveryTemplateIsCompleteEnoughToUseAsIs(string id)
    {
        var profile = Template(id).Profile;

        Assert.InRange(profile.PersonalityTraits.Count, 3, 6);
        Assert.InRange(profile.Capabilities.Count, 3, 8);
        Assert.InRange(profile.Tools.Count, 1, 4);
        Assert.InRange(profile.Voice.Speed, 0.9, 1.1);
        Assert.InRange(profile.Instructions.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Length, 250, 600);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void InstructionsHaveTheStandardSectionsInOrder(string id)
    {
        var instructions = Template(id).Profile.Instructions;
        var positions = InstructionSections.Select(section => instructions.IndexOf(section, StringComparison.Ordinal)).ToList();

        Assert.All(positions, position => Assert.True(position >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void InstructionsIntroduceThePersonaAndAnswerTheRobotQuestionHonestly(string id)
    {
        var profile = Template(id).Profile;

        Assert.Contains($"You are {profile.Name}", profile.Instructions, StringComparison.Ordinal);
        Assert.Contains("robot", profile.Instructions, StringComparison.Ordinal);
        Assert.Contains("AI assistant", profile.Instructions, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void ToolNamesAreSnakeCaseAndUniqueWithinATemplate(string id)
    {
        var names = Template(id).Profile.Tools.Select(t => t.Name).ToList();

        Assert.All(names, name => Assert.Matches(ToolName, name));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void ToolParametersAreObjectSchemasWhoseRequiredFieldsExist(string id)
    {
        foreach (var tool in Template(id).Profile.Tools)
        {
            using var schema = JsonDocument.Parse(tool.Parameters);
            var root = schema.RootElement;

            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            Assert.Equal("object", root.GetProperty("type").GetString());
            var properties = root.GetProperty("properties");
            Assert.Equal(JsonValueKind.Object, properties.ValueKind);
            foreach (var property in properties.EnumerateObject())
                Assert.True(property.Value.TryGetProperty("type", out _), $"{tool.Name}.{property.Name} has no type.");
            if (root.TryGetProperty("required", out var required))
                Assert.All(required.EnumerateArray(), name => Assert.True(properties.TryGetProperty(name.GetString()!, out _), $"{tool.Name} requires undeclared {name}."));
        }
    }

    [Fact]
    public void AToolNameMeansTheSameSchemaInEveryTemplate()
    {
        var byName = PersonaTemplateLibrary.All.SelectMany(t => t.Profile.Tools).GroupBy(t => t.Name);

        Assert.All(byName, group => Assert.Single(group.Select(t => t.Parameters).Distinct()));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void InstructionsMentionEveryOwnToolAndNoOtherTemplatesTool(string id)
    {
        var profile = Template(id).Profile;
        var own = profile.Tools.Select(t => t.Name).ToHashSet();
        var others = PersonaTemplateLibrary.All.SelectMany(t => t.Profile.Tools).Select(t => t.Name).Where(n => !own.Contains(n)).ToHashSet();

        Assert.All(own, name => Assert.Contains(name, profile.Instructions, StringComparison.Ordinal));
        Assert.All(others, name => Assert.DoesNotContain(name, profile.Instructions, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void PlaceholdersAreLowerSnakeCaseAndBalanced(string id)
    {
        foreach (var (field, text) in TextFields(Template(id)))
        {
            var matches = Placeholder.Matches(text);
            Assert.All(matches, m => Assert.Matches(SnakeCase, m.Groups[1].Value));

            var stripped = Placeholder.Replace(text, "");
            Assert.False(stripped.Contains("{{") || stripped.Contains("}}"), $"{field} has an unbalanced placeholder.");
        }
    }

    [Fact]
    public void FindReturnsTheTemplateWithThatId()
    {
        foreach (var template in PersonaTemplateLibrary.All)
            Assert.Same(template, PersonaTemplateLibrary.Find(template.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-such-template")]
    [InlineData("Receptionist")]
    [InlineData(" receptionist")]
    public void FindReturnsNullForAnUnknownId(string id) => Assert.Null(PersonaTemplateLibrary.Find(id));
}
