using Microsoft.Extensions.Options;

namespace VoicePlatform.LiveKitEmulator.Hosting;

/// <summary>
/// The emulator's notion of time: timestamps come from the injected <see cref="TimeProvider"/>;
/// every simulated delay is divided by <see cref="LiveKitEmulatorOptions.TimeAcceleration"/>.
/// </summary>
public sealed class EmulatorClock(TimeProvider time, IOptions<LiveKitEmulatorOptions> options)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset UtcNow => Time.GetUtcNow();

    /// <summary>The real duration of an emulated one.</summary>
    public TimeSpan Scale(TimeSpan emulated) =>
        emulated <= TimeSpan.Zero ? TimeSpan.Zero : emulated / options.Value.TimeAcceleration;

    /// <summary>The emulated duration of a real one (the inverse of <see cref="Scale"/>).</summary>
    public TimeSpan Unscale(TimeSpan real) =>
        real <= TimeSpan.Zero ? TimeSpan.Zero : real * options.Value.TimeAcceleration;

    public Task DelayAsync(TimeSpan emulated, CancellationToken cancellationToken)
    {
        var real = Scale(emulated);
        return real == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(real, Time, cancellationToken);
    }
}
