using System.Text.Json;
using System.Text.Json.Serialization;
using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// The calling rules shipped with the platform (<c>calling-rules.json</c>, each rule with its source) and which of them
/// bind a number: a US number gets the federal rule and, by its area code, its state's.
/// </summary>
public sealed class CallingRuleBook
{
    private readonly IReadOnlyList<CallingRule> _rules;
    private readonly IReadOnlyDictionary<string, string> _stateByAreaCode;

    private CallingRuleBook(IReadOnlyList<CallingRule> rules, IReadOnlyDictionary<string, string> stateByAreaCode)
    {
        _rules = rules;
        _stateByAreaCode = stateByAreaCode;
    }

    /// <summary>The rules in the assembly, read once.</summary>
    public static CallingRuleBook Shipped { get; } = Load();

    public IReadOnlyList<CallingRule> All => _rules;

    /// <summary>Where a number is called for the rules: <c>US-FL</c>, <c>US</c> (a US number of no listed state), or its region.</summary>
    public string JurisdictionOf(E164Number number)
    {
        if (number.RegionCode != "US") return number.RegionCode;
        var areaCode = number.Value.Length >= 5 ? number.Value[2..5] : "";
        return _stateByAreaCode.TryGetValue(areaCode, out var state) ? $"US-{state}" : "US";
    }

    /// <summary>Every rule that binds a call to <paramref name="number"/>: its country's and its state's.</summary>
    public IReadOnlyList<CallingRule> RulesFor(E164Number number)
    {
        var jurisdiction = JurisdictionOf(number);
        return _rules.Where(r => jurisdiction == r.AppliesTo || jurisdiction.StartsWith(r.AppliesTo + "-", StringComparison.Ordinal)).ToList();
    }

    private static CallingRuleBook Load()
    {
        using var stream = typeof(CallingRuleBook).Assembly.GetManifestResourceStream("VoicePlatform.calling-rules.json")
                           ?? throw new InvalidOperationException("calling-rules.json is missing from the grains assembly.");
        var file = JsonSerializer.Deserialize<RuleFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter() },
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        }) ?? throw new InvalidOperationException("calling-rules.json is empty.");
        var states = file.AreaCodes.States.SelectMany(s => s.Value.Select(code => (code, state: s.Key))).ToDictionary(p => p.code, p => p.state);
        var rules = file.Rules.Select(r => new CallingRule
        {
            Id = r.Id,
            AppliesTo = r.AppliesTo,
            FromMinute = r.Hours is null ? null : Minutes(r.Hours.From),
            ToMinute = r.Hours is null ? null : Minutes(r.Hours.To),
            NoCallDays = r.NoCallDays ?? [],
            Holidays = r.Holidays ?? [],
            MaxAttempts = r.Frequency?.MaxAttempts,
            PerHours = r.Frequency?.PerHours,
            Source = r.Source,
        }).ToList();
        return new CallingRuleBook(rules, states);
    }

    private static int Minutes(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm").Hour * 60 + TimeOnly.ParseExact(hhmm, "HH:mm").Minute;

    private sealed record RuleFile(string About, AreaCodeTable AreaCodes, IReadOnlyList<RuleEntry> Rules);

    private sealed record AreaCodeTable(string Source, IReadOnlyDictionary<string, IReadOnlyList<string>> States);

    private sealed record RuleEntry(
        string Id, string AppliesTo, HoursEntry? Hours, IReadOnlyList<DayOfWeek>? NoCallDays, IReadOnlyList<string>? Holidays,
        FrequencyEntry? Frequency, string Source);

    private sealed record HoursEntry(string From, string To);

    private sealed record FrequencyEntry(int MaxAttempts, int PerHours);
}
