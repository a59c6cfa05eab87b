using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Silo.Hosting;

try
{
    await ApiHostApplication.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (PlatformConfigurationException.IsConfigurationError(e, out var message))
{
    await Console.Error.WriteLineAsync(message);
    return 2;
}
