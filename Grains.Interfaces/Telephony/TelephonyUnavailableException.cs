namespace VoicePlatform.Telephony;

/// <summary>
/// LiveKit did not carry out a change the platform must make there first (a number's dispatch rule, a trunk): nothing
/// was changed on the platform's side. The API answers 503; the same request again is safe.
/// </summary>
[GenerateSerializer, Alias("vp.TelephonyUnavailableException")]
public sealed class TelephonyUnavailableException : Exception
{
    public TelephonyUnavailableException() : base("LiveKit could not make the change; try again.")
    {
    }

    public TelephonyUnavailableException(string message) : base(message)
    {
    }
}
