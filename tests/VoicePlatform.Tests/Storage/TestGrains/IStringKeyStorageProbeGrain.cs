namespace VoicePlatform.Tests.Storage.TestGrains;

[Alias("VoicePlatform.Tests.IStringKeyStorageProbeGrain")]
public interface IStringKeyStorageProbeGrain : IStorageProbe, IGrainWithStringKey;
