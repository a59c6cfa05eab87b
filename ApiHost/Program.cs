using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Silo.Hosting;

try
{
    await ApiHostApplication.Build(args).RunAsync();
    return 0;
}
catch (PlatformConfigurationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
