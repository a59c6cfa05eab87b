using Orleans.Concurrency;
using VoicePlatform.Brands;
using VoicePlatform.Common;

namespace VoicePlatform.Personas;

/// <summary>
/// One persona of a tenant; it belongs to exactly one brand of the same tenant, for life. Moving it to
/// another brand is refused (409): its agents inherit its brand, and a fixed brand means no agent can
/// ever be seen with a brand its persona does not have. To use it elsewhere, create a copy in the other brand.
/// </summary>
[Alias("vp.IPersonaGrain")]
public interface IPersonaGrain : IGrainWithStringKey
{
    Task<WriteResult<PersonaView>> CreateAsync(BrandId brand, PersonaProfile profile, string? templateId);

    /// <summary>Creates the persona as a copy of a library template, optionally renamed; InvalidReference when the template is unknown.</summary>
    Task<WriteResult<PersonaView>> CreateFromTemplateAsync(BrandId brand, string templateId, string? name);

    [ReadOnly]
    Task<PersonaView?> GetAsync();

    /// <summary>Replaces the profile; <paramref name="brand"/> must be the persona's own brand (else Conflict).</summary>
    Task<WriteResult<PersonaView>> UpdateAsync(BrandId brand, PersonaProfile profile, int? expectedRevision);

    /// <summary>Deletes the persona unless agents use it (Conflict lists them).</summary>
    Task<WriteResult<PersonaView>> DeleteAsync(int? expectedRevision);
}
