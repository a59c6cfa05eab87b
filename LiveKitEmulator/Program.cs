using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;

try
{
    var app = LiveKitEmulatorHost.Build(args);
    var options = app.Services.GetRequiredService<IOptions<LiveKitEmulatorOptions>>().Value;
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"LiveKit emulator listening on {url}  (LIVEKIT_URL={url})");
        }

        Console.WriteLine($"API key: {options.ApiKey}  API secret: {options.ApiSecret}");
        Console.WriteLine($"Ring a number: POST {app.Urls.FirstOrDefault()}{VoicePlatform.LiveKitEmulator.Sip.InboundCallsEndpoints.Path} {{\"from\":\"+15125550142\",\"to\":\"<number>\"}}" +
            (options.InboundTraffic.CallsPerSecond > 0 ? $"  (and ringing {options.InboundTraffic.To} {options.InboundTraffic.CallsPerSecond}/s)" : ""));
        Console.WriteLine(options.Webhook.Urls.Count == 0 ? "Webhooks: none configured" : "Webhooks: " + string.Join(", ", options.Webhook.Urls));
        Console.WriteLine(options.AgentWorker.Enabled
            ? $"Scripted agent worker: reporting calls to {options.AgentWorker.PlatformUrl}"
            : "Scripted agent worker: off (LiveKitEmulator:AgentWorker:Enabled)");
    });
    await app.RunAsync();
    return 0;
}
catch (LiveKitEmulatorConfigurationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
