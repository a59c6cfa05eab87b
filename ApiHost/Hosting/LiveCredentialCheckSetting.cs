using System.Globalization;
using VoicePlatform.ApiHost.Live;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>Reads <c>Live:CredentialCheckPeriod</c>; a value that is no period from 100 ms to 10 minutes stops the host at start.</summary>
public static class LiveCredentialCheckSetting
{
    public static LiveCredentialCheck Read(IConfiguration configuration)
    {
        var text = configuration[LiveCredentialCheck.PeriodKey];
        if (string.IsNullOrEmpty(text)) return new LiveCredentialCheck(LiveCredentialCheck.DefaultPeriod);
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var period) && period >= TimeSpan.FromMilliseconds(100) && period <= TimeSpan.FromMinutes(10)
            ? new LiveCredentialCheck(period)
            : throw new PlatformConfigurationException(LiveCredentialCheck.PeriodKey, $"'{text}' is not a period from 00:00:00.100 to 00:10:00.");
    }
}
