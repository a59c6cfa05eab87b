using Microsoft.Extensions.Options;

namespace VoicePlatform.Silo.Hosting;

/// <summary>A setting is missing or wrong; the message names it (and its environment-variable form).</summary>
public sealed class PlatformConfigurationException(string setting, string problem)
    : Exception($"Configuration error in {setting} (environment variable {setting.Replace(":", "__")}): {problem}")
{
    public string Setting { get; } = setting;

    /// <summary>
    /// Whether <paramref name="exception"/> is a configuration error (ours, an options rule broken at start-up, or a
    /// value the binder could not convert), and what to print for it: the hosts print it and exit with code 2.
    /// </summary>
    public static bool IsConfigurationError(Exception exception, out string message)
    {
        switch (exception)
        {
            case PlatformConfigurationException platform:
                message = platform.Message;
                return true;
            case OptionsValidationException validation:
                message = "Configuration error: " + string.Join(" ", validation.Failures);
                return true;
            case InvalidOperationException { Message: var text } when text.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                message = "Configuration error: " + text + (exception.InnerException is { } inner ? " " + inner.Message : "");
                return true;
            case AggregateException { InnerExceptions: [var only] }:
                return IsConfigurationError(only, out message);
            default:
                message = "";
                return false;
        }
    }
}
