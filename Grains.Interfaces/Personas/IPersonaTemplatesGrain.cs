using Orleans.Concurrency;

namespace VoicePlatform.Personas;

/// <summary>The platform's persona library, read-only and the same for every tenant.</summary>
[Alias("vp.IPersonaTemplatesGrain")]
public interface IPersonaTemplatesGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<IReadOnlyList<PersonaTemplate>> ListAsync();

    [ReadOnly]
    Task<PersonaTemplate?> FindAsync(string templateId);
}
