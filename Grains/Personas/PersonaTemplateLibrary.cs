using System.Collections.Frozen;
using VoicePlatform.Grains.Personas.Templates;
using VoicePlatform.Personas;

namespace VoicePlatform.Grains.Personas;

/// <summary>The platform's ready-made personas, which a brand copies and then adapts.</summary>
public static class PersonaTemplateLibrary
{
    /// <summary>Every template, in the order a catalogue lists them.</summary>
    public static IReadOnlyList<PersonaTemplate> All { get; } =
    [
        ReceptionistTemplate.Create(),
        AppointmentSetterTemplate.Create(),
        LeadQualifierTemplate.Create(),
        CustomerSupportTemplate.Create(),
        SurveyTemplate.Create(),
        PaymentReminderTemplate.Create(),
        RealEstateEnquiryTemplate.Create(),
        RecruitingScreenerTemplate.Create(),
    ];

    // Declared after All: static initialisers run in text order. Duplicate ids fail here, at type load.
    private static readonly FrozenDictionary<string, PersonaTemplate> ById =
        All.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);

    /// <summary>The template with this id, or null when there is none.</summary>
    public static PersonaTemplate? Find(string id) => ById.GetValueOrDefault(id);
}
