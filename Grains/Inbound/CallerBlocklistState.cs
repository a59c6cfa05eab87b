using VoicePlatform.Inbound;

namespace VoicePlatform.Grains.Inbound;

[GenerateSerializer, Alias("vp.CallerBlocklistState")]
public sealed record CallerBlocklistState
{
    /// <summary>By number, in ordinal order (the list's page order).</summary>
    [Id(0)] public IReadOnlyList<BlockedCaller> Callers { get; init; } = [];
}
