using System.Text.Json;
using VoicePlatform.Benchmarks.Measurement;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// <c>silo-host --settings FILE</c>: the process side of <see cref="SiloProcess"/> — a <see cref="BenchSilo"/> on the
/// settings' PostgreSQL, until its standard input says stop or closes (the benchmark that started it ended).
/// </summary>
public static class SiloHost
{
    public const string ReadyLine = "silo-host ready";
    public const string StopCommand = "stop";

    public sealed record Settings(string ConnectionString, IReadOnlyDictionary<string, string?> Configuration);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var file = options.String("settings", "") is { Length: > 0 } path ? path : throw new ArgumentException("silo-host needs --settings FILE");
        var settings = JsonSerializer.Deserialize<Settings>(await File.ReadAllTextAsync(file)) ?? throw new ArgumentException($"{file} holds no settings");
        var silo = await BenchSilo.StartAsync(settings.ConnectionString, settings.Configuration);
        Console.WriteLine(ReadyLine);
        while (await Console.In.ReadLineAsync() is { } line && line != StopCommand)
        {
            // Nothing else is asked of it.
        }
        await silo.StopAsync();
        await silo.DisposeAsync();
        return 0;
    }
}
