using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>The call's outcome; a higher <c>sequence</c> replaces an earlier outcome.</summary>
public sealed record OutcomeRequest(
    int? Sequence,
    CallDisposition? Disposition,
    DateTimeOffset? CallbackAt,
    List<string>? Tags,
    Dictionary<string, string>? Fields,
    string? Summary)
{
    public const int MaxTagLength = 50;
    public const int MaxFieldNameLength = 64;
    public const int MaxFieldValueLength = 1000;

    public Dictionary<string, string[]> Validate(out CallOutcome outcome)
    {
        var errors = new Dictionary<string, string[]>();
        outcome = null!;
        if (Sequence is null or < 0) errors["sequence"] = ["Required: 0 or more; a higher sequence replaces an earlier outcome."];
        if (Disposition is null) errors["disposition"] = ["Required: qualified, not-interested, callback-requested, wrong-number or do-not-call."];
        if (Disposition == CallDisposition.CallbackRequested && CallbackAt is null) errors["callbackAt"] = ["Required when the callee asked for a callback."];
        if (Disposition is not null and not CallDisposition.CallbackRequested && CallbackAt is not null) errors["callbackAt"] = ["Only for callback-requested."];
        Validation.Items(errors, "tags", Tags, CallOutcome.MaxTags, MaxTagLength);
        var fields = Fields ?? [];
        if (fields.Count > CallOutcome.MaxFields) errors["fields"] = [$"At most {CallOutcome.MaxFields} fields."];
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxFieldNameLength) errors["fields"] = [$"Field names are 1 to {MaxFieldNameLength} characters."];
            else if (value is null || value.Length > MaxFieldValueLength) errors[$"fields.{name}"] = [$"A value of at most {MaxFieldValueLength} characters."];
        }
        Validation.Text(errors, "summary", Summary, CallOutcome.MaxSummaryLength, multiline: true);
        if (errors.Count == 0)
        {
            outcome = new CallOutcome
            {
                Sequence = Sequence!.Value,
                Disposition = Disposition!.Value,
                CallbackAt = CallbackAt,
                Tags = Tags ?? [],
                Fields = fields,
                Summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary,
            };
        }
        return errors;
    }
}
