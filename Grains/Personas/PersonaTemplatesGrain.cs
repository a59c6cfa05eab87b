using Orleans.Concurrency;
using VoicePlatform.Personas;

namespace VoicePlatform.Grains.Personas;

/// <summary>Serves <see cref="PersonaTemplateLibrary"/> from every silo: stateless, so it never becomes a hot spot.</summary>
[GrainType("persona-templates"), StatelessWorker]
public sealed class PersonaTemplatesGrain : Grain, IPersonaTemplatesGrain
{
    public Task<IReadOnlyList<PersonaTemplate>> ListAsync() => Task.FromResult(PersonaTemplateLibrary.All);

    public Task<PersonaTemplate?> FindAsync(string templateId) => Task.FromResult(PersonaTemplateLibrary.Find(templateId));
}
