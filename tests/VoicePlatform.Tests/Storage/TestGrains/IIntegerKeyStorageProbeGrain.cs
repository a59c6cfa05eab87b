namespace VoicePlatform.Tests.Storage.TestGrains;

[Alias("VoicePlatform.Tests.IIntegerKeyStorageProbeGrain")]
public interface IIntegerKeyStorageProbeGrain : IStorageProbe, IGrainWithIntegerKey;
