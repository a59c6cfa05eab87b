using VoicePlatform.Common;
namespace VoicePlatform.Personas;

/// <summary>A voice character: who it is, how it speaks, what it can do.</summary>
[GenerateSerializer, Immutable, Alias("vp.PersonaProfile")]
public sealed record PersonaProfile
{
    public const int MaxNameLength = 120;
    public const int MaxInstructionsLength = 20_000;
    public const int MaxShortTextLength = 500;
    public const int MaxListItems = 30;
    public const int MaxTools = 20;

    [Id(0)] public required string Name { get; init; }
    /// <summary>The job the persona does, e.g. "Receptionist".</summary>
    [Id(1)] public required string Role { get; init; }
    /// <summary>The persona's system instructions: goals, process, rules.</summary>
    [Id(2)] public required string Instructions { get; init; }
    [Id(3)] public IReadOnlyList<string> PersonalityTraits { get; init; } = [];
    [Id(4)] public string? Tone { get; init; }
    [Id(5)] public string? LanguageStyle { get; init; }
    [Id(6)] public required PersonaVoice Voice { get; init; }
    [Id(7)] public IReadOnlyList<string> Capabilities { get; init; } = [];
    [Id(8)] public IReadOnlyList<PersonaTool> Tools { get; init; } = [];

    /// <summary>The same profile, value by value: an idempotent repeat or a no-op update.</summary>
    public bool SameAs(PersonaProfile other) =>
        this with { PersonalityTraits = other.PersonalityTraits, Capabilities = other.Capabilities, Tools = other.Tools } == other
        && ValueEquality.Lists(PersonalityTraits, other.PersonalityTraits) && ValueEquality.Lists(Capabilities, other.Capabilities) && ValueEquality.Lists(Tools, other.Tools);
}
