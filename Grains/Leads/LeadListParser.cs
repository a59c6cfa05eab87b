using System.Globalization;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;
using NodaTime;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// Reads a lead list (CSV, or leads already split into fields as JSON sends them) and checks every row: <c>phone</c> is
/// required and normalised to E.164 (a national number is read in the campaign's default region); <c>name</c>,
/// <c>email</c>, <c>timezone</c> (IANA), <c>consentAt</c> (ISO 8601 with an offset) and <c>consentSource</c> are known
/// columns; every other column becomes a prompt variable under its lower_snake_case name. A bad row is rejected with
/// its row, field and reason; a number seen in an earlier row is merged into that row.
/// </summary>
public static partial class LeadListParser
{
    public const int MaxColumns = 60;

    /// <summary>Known columns by their name without underscores (phone_number, consent_at and consentAt all match).</summary>
    private static readonly Dictionary<string, string> KnownColumns = new(StringComparer.Ordinal)
    {
        ["phone"] = "phone", ["phonenumber"] = "phone", ["name"] = "name", ["email"] = "email", ["timezone"] = "timezone",
        ["consentat"] = "consentAt", ["consentsource"] = "consentSource",
    };

    /// <summary>Reads CSV text (a leading byte-order mark, quoted fields with separators, quotes and line breaks are fine).</summary>
    public static LeadListParse ParseCsv(string text, string? defaultRegion, int maxRows)
    {
        using var reader = Open(text);
        if (reader is null) return Empty;
        var (columns, problems) = ReadHeader(reader);
        if (problems.Count > 0) return new LeadListParse { Leads = [], Problems = problems };

        var rows = new List<(int Row, IReadOnlyDictionary<string, string> Fields)>();
        foreach (var row in reader)
        {
            if (rows.Count >= maxRows) return Unreadable("file", $"At most {maxRows} leads per import.");
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (index, field) in columns)
            {
                if (index < row.ColCount && row[index].ToString() is { Length: > 0 } value) fields[field] = value;
            }
            // A blank line is not a lead.
            if (fields.Count > 0) rows.Add((row.LineNumberFrom, fields));
        }
        return Check(rows, defaultRegion);
    }

    /// <summary>
    /// What is wrong with a CSV list's header (row 1), read without its rows: how an import job checks its first part
    /// before keeping anything. Empty when the header is readable.
    /// </summary>
    public static IReadOnlyList<LeadRowProblem> HeaderProblems(string text)
    {
        using var reader = Open(text);
        return reader is null ? Empty.Problems : ReadHeader(reader).Problems;
    }

    private static LeadListParse Empty => Unreadable("file", "The list is empty: a header row with at least a 'phone' column is needed.");

    /// <summary>A reader past a leading byte-order mark; null for a list with nothing in it.</summary>
    private static SepReader? Open(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return string.IsNullOrWhiteSpace(text)
            ? null
            : Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.Outer, DisableColCountCheck = true }).FromText(text);
    }

    /// <summary>The known columns and prompt variables of the header, and what is wrong with it.</summary>
    private static (List<(int Index, string Field)> Columns, List<LeadRowProblem> Problems) ReadHeader(SepReader reader)
    {
        var columns = new List<(int Index, string Field)>();
        var problems = new List<LeadRowProblem>();
        foreach (var (raw, index) in reader.Header.ColNames.Select((name, index) => (name, index)))
        {
            var name = ColumnName(raw);
            if (KnownColumns.TryGetValue(name.Replace("_", "", StringComparison.Ordinal), out var known))
                columns.Add((index, known));
            else if (VariableName().IsMatch(name)) columns.Add((index, "variables." + name));
            else problems.Add(new LeadRowProblem(1, raw, "A column name becomes a prompt variable: letters, digits and underscores, starting with a letter."));
        }
        if (columns.Count > MaxColumns) problems.Add(new LeadRowProblem(1, "header", $"At most {MaxColumns} columns."));
        if (columns.All(c => c.Field != "phone")) problems.Add(new LeadRowProblem(1, "phone", "The header has no 'phone' column."));
        var duplicated = columns.GroupBy(c => c.Field).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(duplicated.Select(d => new LeadRowProblem(1, d, "Two columns give the same field.")));
        return (columns, problems);
    }

    /// <summary>Checks leads that arrived already split into fields (a JSON import); rows are their 1-based positions.</summary>
    public static LeadListParse ParseFields(IReadOnlyList<IReadOnlyDictionary<string, string>> leads, string? defaultRegion) =>
        Check(leads.Select((fields, i) => (i + 1, fields)).ToList(), defaultRegion);

    private static LeadListParse Check(IReadOnlyList<(int Row, IReadOnlyDictionary<string, string> Fields)> rows, string? defaultRegion)
    {
        var leads = new List<LeadInput>();
        var problems = new List<LeadRowProblem>();
        var merged = new List<LeadMerge>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, fields) in rows)
        {
            var before = problems.Count;
            fields.TryGetValue("phone", out var phone);
            E164Number? number = null;
            if (!PhoneNumberParser.TryParse(phone, defaultRegion, out number, out var why)) problems.Add(new LeadRowProblem(row, "phone", why));
            var name = Text(fields, "name", LeadInput.MaxNameLength, row, problems);
            var email = Text(fields, "email", LeadInput.MaxEmailLength, row, problems);
            if (email is not null && !email.Contains('@')) problems.Add(new LeadRowProblem(row, "email", "Not an email address."));
            var zone = Text(fields, "timezone", 64, row, problems);
            if (zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
                problems.Add(new LeadRowProblem(row, "timezone", $"'{zone}' is not an IANA time zone (for example America/Chicago)."));
            DateTimeOffset? consentAt = null;
            if (Text(fields, "consentAt", 64, row, problems) is { } consentText)
            {
                if (DateTimeOffset.TryParseExact(consentText, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"],
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && consentText.Length > 16 && HasOffset(consentText))
                    consentAt = at;
                else problems.Add(new LeadRowProblem(row, "consentAt", "An ISO 8601 time with an offset, for example 2026-05-01T14:30:00Z."));
            }
            var consentSource = Text(fields, "consentSource", LeadInput.MaxConsentSourceLength, row, problems);
            var variables = fields.Where(f => f.Key.StartsWith("variables.", StringComparison.Ordinal)).ToDictionary(f => f.Key["variables.".Length..], f => f.Value, StringComparer.Ordinal);
            if (variables.Count > LeadInput.MaxVariables) problems.Add(new LeadRowProblem(row, "variables", $"At most {LeadInput.MaxVariables} variables."));
            foreach (var (key, value) in variables.Where(v => v.Value.Length > LeadInput.MaxVariableLength))
                problems.Add(new LeadRowProblem(row, key, $"At most {LeadInput.MaxVariableLength} characters."));
            if (problems.Count > before) continue;

            if (firstRowOf.TryGetValue(number!.Value, out var first))
            {
                merged.Add(new LeadMerge(row, first));
                continue;
            }
            firstRowOf[number.Value] = row;
            leads.Add(new LeadInput
            {
                Row = row, Phone = number.Value, Name = name, Email = email, TimeZone = zone, ConsentAt = consentAt, ConsentSource = consentSource,
                Variables = variables, Parsed = number,
            });
        }
        return new LeadListParse { Leads = leads, Problems = problems, Merged = merged };
    }

    private static string? Text(IReadOnlyDictionary<string, string> fields, string field, int maxLength, int row, List<LeadRowProblem> problems)
    {
        if (!fields.TryGetValue(field, out var value) || string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (value.Length <= maxLength) return value;
        problems.Add(new LeadRowProblem(row, field, $"At most {maxLength} characters."));
        return null;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || OffsetSuffix().IsMatch(text);

    private static LeadListParse Unreadable(string field, string reason) => new() { Leads = [], Problems = [new LeadRowProblem(1, field, reason)] };

    /// <summary>"First Name" → first_name; "Policy-No" → policy_no.</summary>
    private static string ColumnName(string raw) => Separators().Replace(raw.Trim().ToLowerInvariant(), "_");

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"[\s\-.]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial Regex OffsetSuffix();
}
