using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>Who picked up: human, or machine (the call then ends as voicemail).</summary>
public sealed record AnsweredByRequest(AnsweredBy? AnsweredBy)
{
    public Dictionary<string, string[]> Validate() =>
        AnsweredBy is null ? new() { ["answeredBy"] = ["Required: human or machine."] } : [];
}
