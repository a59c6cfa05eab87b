using VoicePlatform.Grains.Personas;
using VoicePlatform.Personas;

namespace VoicePlatform.Tests.Personas;

public sealed class TemplatesPassPersonaRulesTests
{
    [Fact]
    public void EveryTemplateIsAValidPersonaProfile()
    {
        foreach (var template in PersonaTemplateLibrary.All)
        {
            var errors = new Dictionary<string, string[]>();
            PersonaRules.Validate(template.Profile, "", errors);
            Assert.True(errors.Count == 0, $"{template.Id}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        }
    }
}
