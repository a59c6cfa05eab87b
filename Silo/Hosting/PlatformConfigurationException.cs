namespace VoicePlatform.Silo.Hosting;

/// <summary>A setting is missing or wrong; the message names it (and its environment-variable form).</summary>
public sealed class PlatformConfigurationException(string setting, string problem)
    : Exception($"Configuration error in {setting} (environment variable {setting.Replace(":", "__")}): {problem}")
{
    public string Setting { get; } = setting;
}
