namespace VoicePlatform.Grains.Common;

/// <summary>Names of the grain-storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>Grain state of the platform's own grains.</summary>
    public const string Platform = "platform";

    /// <summary>Orleans' stream subscription store; the name is fixed by Orleans.</summary>
    public const string PubSub = "PubSubStore";
}
