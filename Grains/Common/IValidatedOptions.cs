namespace VoicePlatform.Grains.Common;

/// <summary>Options that know their own rules: every problem, each naming the setting as it is configured.</summary>
public interface IValidatedOptions
{
    /// <summary>The configuration section these options are bound from (e.g. <c>Calls:Metering</c>).</summary>
    static abstract string SectionName { get; }

    /// <summary>Every problem with these settings, each naming the setting; empty when valid.</summary>
    IReadOnlyList<string> Validate();
}
