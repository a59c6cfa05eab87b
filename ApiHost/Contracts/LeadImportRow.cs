namespace VoicePlatform.ApiHost.Contracts;

/// <summary>One lead in a JSON import; every field is checked by the same rules as a CSV column.</summary>
public sealed record LeadImportRow(
    string? Phone, string? Name, string? Email, string? Timezone, string? ConsentAt, string? ConsentSource, IReadOnlyDictionary<string, string>? Variables)
{
    public IReadOnlyDictionary<string, string> ToFields()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string name, string? value)
        {
            if (value is not null) fields[name] = value;
        }
        Put("phone", Phone);
        Put("name", Name);
        Put("email", Email);
        Put("timezone", Timezone);
        Put("consentAt", ConsentAt);
        Put("consentSource", ConsentSource);
        foreach (var (key, value) in Variables ?? new Dictionary<string, string>()) fields["variables." + key] = value;
        return fields;
    }
}
