using VoicePlatform.DoNotCall;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A bulk import of a tenant's own do-not-call list: every entry valid, or nothing is added.</summary>
public sealed record DoNotCallImportRequest(IReadOnlyList<DoNotCallRequest>? Numbers)
{
    public Dictionary<string, string[]> Validate(string actor, DateTimeOffset now, out IReadOnlyList<DoNotCallEntry> entries)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = new List<DoNotCallEntry>();
        if (Numbers is not { Count: > 0 }) errors["numbers"] = ["At least one number."];
        else if (Numbers.Count > MaxNumbers) errors["numbers"] = [$"At most {MaxNumbers} numbers per request."];
        else
        {
            for (var i = 0; i < Numbers.Count; i++)
            {
                var entryErrors = Numbers[i].Validate($"numbers[{i}]", actor, now, DoNotCallSource.Import, out var entry);
                foreach (var (key, value) in entryErrors) errors[key] = value;
                valid.Add(entry);
            }
        }
        entries = valid;
        return errors;
    }

    public const int MaxNumbers = 10_000;
}
