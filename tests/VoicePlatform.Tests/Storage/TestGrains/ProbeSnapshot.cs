namespace VoicePlatform.Tests.Storage.TestGrains;

/// <summary>What a persistent state looked like after a storage call.</summary>
[GenerateSerializer, Immutable, Alias("VoicePlatform.Tests.ProbeSnapshot")]
public sealed record ProbeSnapshot([property: Id(0)] bool RecordExists, [property: Id(1)] string? ETag, [property: Id(2)] string? Value);
