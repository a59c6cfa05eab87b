namespace VoicePlatform.Tests.Storage.TestGrains;

/// <summary>
/// Storage operations shared by the probe grain interfaces. Every read goes to the database
/// (ReadStateAsync), so tests see what the provider stored, not the activation's copy.
/// </summary>
public interface IStorageProbe
{
    Task<ProbeSnapshot> ReadAsync(ProbeSlot slot);

    Task<ProbeSnapshot> WriteAsync(ProbeSlot slot, string value);

    Task<ProbeSnapshot> ClearAsync(ProbeSlot slot);
}
