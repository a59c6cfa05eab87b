namespace VoicePlatform.Tests.Storage.TestGrains;

[Alias("VoicePlatform.Tests.IGuidKeyStorageProbeGrain")]
public interface IGuidKeyStorageProbeGrain : IStorageProbe, IGrainWithGuidKey;
