namespace VoicePlatform.Common;

/// <summary>
/// The platform's database could not be reached (down, restarting, or out of connections) while a grain served a call.
/// Thrown instead of the driver's own exception, which cannot cross the wire to another silo or a client. A read may be
/// repeated; a write's outcome is unknown, and repeating it with the same idempotency key is safe.
/// </summary>
[GenerateSerializer, Alias("vp.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException() : base("The platform's database is unavailable; try again shortly.")
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }
}
