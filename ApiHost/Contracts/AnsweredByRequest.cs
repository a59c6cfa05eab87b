using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// Who picked up: human, or machine (the call then ends as voicemail); and, optionally, when the worker heard the answer
/// — what a call the platform saw end before its answer is billed from.
/// </summary>
public sealed record AnsweredByRequest(AnsweredBy? AnsweredBy, DateTimeOffset? AnsweredAt = null)
{
    /// <summary>How far ahead of the platform's clock a worker's clock may run.</summary>
    public static readonly TimeSpan ClockSkewAllowed = TimeSpan.FromMinutes(5);

    public Dictionary<string, string[]> Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (AnsweredBy is null) errors["answeredBy"] = ["Required: human or machine."];
        if (AnsweredAt is { } at && at > now + ClockSkewAllowed)
            errors["answeredAt"] = [$"When the answer was heard cannot be in the future (it is {now:O} here)."];
        return errors;
    }
}
