namespace VoicePlatform.Tests.Storage.TestGrains;

[Alias("VoicePlatform.Tests.IGuidCompoundKeyStorageProbeGrain")]
public interface IGuidCompoundKeyStorageProbeGrain : IStorageProbe, IGrainWithGuidCompoundKey;
