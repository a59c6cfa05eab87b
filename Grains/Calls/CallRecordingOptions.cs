using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Call recording through LiveKit egress (audio only). Off unless <see cref="FilepathTemplate"/> is set, because a
/// recording needs storage configured on the LiveKit egress service and, in most places, the callee's consent.
/// </summary>
public sealed class CallRecordingOptions : IValidatedOptions
{
    public static string SectionName => "Calls:Recording";

    /// <summary>Where egress writes each recording, e.g. <c>recordings/{tenant}/{call}.ogg</c> ({tenant} and {call} are filled).</summary>
    public string? FilepathTemplate { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(FilepathTemplate);

    public string FilepathFor(string tenant, string call) => FilepathTemplate!.Replace("{tenant}", tenant).Replace("{call}", call);

    public IReadOnlyList<string> Validate()
    {
        // Without {call} every recording would be written to the same file, each overwriting the one before.
        if (Enabled && !FilepathTemplate!.Contains("{call}", StringComparison.Ordinal))
            return [$"{SectionName}:FilepathTemplate must contain {{call}} (and usually {{tenant}}), so each call has its own file; got '{FilepathTemplate}'."];
        return [];
    }
}
