namespace VoicePlatform.Tests.Storage.TestGrains;

/// <summary>Which of the probe grain's two named states a call uses.</summary>
public enum ProbeSlot
{
    First,
    Second,
}
