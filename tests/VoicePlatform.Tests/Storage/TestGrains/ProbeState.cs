namespace VoicePlatform.Tests.Storage.TestGrains;

/// <summary>The state the storage probe grain persists.</summary>
[GenerateSerializer, Alias("VoicePlatform.Tests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}
