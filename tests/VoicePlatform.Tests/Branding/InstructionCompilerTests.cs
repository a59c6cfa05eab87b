using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Grains.Agents;
using VoicePlatform.Personas;

namespace VoicePlatform.Tests.Branding;

public sealed class InstructionCompilerTests
{
    private static readonly BrandProfile Brand = new() { CompanyName = "Acme", Dos = ["Be brief"], Donts = ["Discuss pricing"], DefaultLanguage = "en-GB" };

    private static readonly PersonaProfile Persona = new()
    {
        Name = "Ava",
        Role = "a receptionist",
        Instructions = "Call {{first_name}} about {{topic}}.",
        Voice = new PersonaVoice { Provider = "openai", VoiceId = "coral" },
    };

    private static readonly AgentSettings Agent = new()
    {
        Name = "Desk",
        Greeting = "Hello {{ first_name }}, it's {{persona_name}} at {{company_name}}.",
        Voicemail = new VoicemailBehaviour { Action = VoicemailAction.LeaveMessage, Message = "Please call {{company_name}} back." },
    };

    [Fact]
    public void VariablesAreFilledAndReported()
    {
        var compiled = InstructionCompiler.Compile(Brand, Persona, Agent, new Dictionary<string, string> { ["first_name"] = "Sam", ["topic"] = "renewal" });
        Assert.Contains("Call Sam about renewal.", compiled.Instructions);
        Assert.Equal("Hello Sam, it's Ava at Acme.", compiled.Greeting);
        Assert.Equal("Please call Acme back.", compiled.VoicemailMessage);
        Assert.Equal(["company_name", "first_name", "persona_name", "topic"], compiled.UsedVariables);
        Assert.Empty(compiled.UnknownVariables);
    }

    [Fact]
    public void MissingVariablesStayVisibleAndAreListed()
    {
        var compiled = InstructionCompiler.Compile(Brand, Persona, Agent, new Dictionary<string, string>());
        Assert.Contains("Call {{first_name}} about {{topic}}.", compiled.Instructions);
        Assert.Equal(["first_name", "topic"], compiled.UnknownVariables);
        Assert.DoesNotContain("# Call context", compiled.Instructions);
    }

    [Fact]
    public void LayersComeInOrderWithTheBrandRules()
    {
        var text = InstructionCompiler.Compile(Brand, Persona, Agent with { CustomInstructions = "Offer Tuesday first." }, new Dictionary<string, string> { ["x"] = "1" }).Instructions;
        var order = new[] { "# Brand", "Always:", "- Be brief", "Never:", "- Discuss pricing", "Speak en-GB", "# Persona", "You are Ava, a receptionist.", "# This agent", "Offer Tuesday first.", "leave the voicemail message", "# Call context", "- x: 1" }
            .Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }
}
