using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// Rings <see cref="InboundTrafficOptions.To"/> at the configured rate on the emulator clock, each call its own
/// caller. A call that cannot ring is logged and the next comes on time: the rate is a schedule, not a loop that waits
/// for each call.
/// </summary>
public sealed class InboundTrafficGenerator(InboundCallSimulator calls, EmulatorClock clock, IOptions<LiveKitEmulatorOptions> options, ILogger<InboundTrafficGenerator> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var traffic = options.Value.InboundTraffic;
        if (traffic.CallsPerSecond <= 0) return;
        logger.LogInformation("Emulator rings {To} {Rate} times a second", traffic.To, traffic.CallsPerSecond);
        using var timer = new PeriodicTimer(clock.Scale(TimeSpan.FromSeconds(1 / traffic.CallsPerSecond)), clock.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var from = traffic.FromPrefix + Random.Shared.Next(0, 10_000).ToString("0000");
            _ = RingAsync(new InboundCallRequest(from, traffic.To, traffic.HangUpAfter), stoppingToken);
        }
    }

    private async Task RingAsync(InboundCallRequest request, CancellationToken stoppingToken)
    {
        try
        {
            await calls.RingAsync(request, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Emulator could not ring {To} from {From}", request.To, request.From);
        }
    }
}
