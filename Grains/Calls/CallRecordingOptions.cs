namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Call recording through LiveKit egress (audio only). Off unless <see cref="FilepathTemplate"/> is set, because a
/// recording needs storage configured on the LiveKit egress service and, in most places, the callee's consent.
/// </summary>
public sealed class CallRecordingOptions
{
    /// <summary>Where egress writes each recording, e.g. <c>recordings/{tenant}/{call}.ogg</c> ({tenant} and {call} are filled).</summary>
    public string? FilepathTemplate { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(FilepathTemplate);

    public string FilepathFor(string tenant, string call) => FilepathTemplate!.Replace("{tenant}", tenant).Replace("{call}", call);
}
