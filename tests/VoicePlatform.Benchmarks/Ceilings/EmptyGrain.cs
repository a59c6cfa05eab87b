namespace VoicePlatform.Benchmarks.Ceilings;

public sealed class EmptyGrain : Grain, IEmptyGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
