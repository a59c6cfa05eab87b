using System.Text.RegularExpressions;
using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>
/// The rules trunks and numbers obey. The API uses them to answer 400 naming the field; the grains use
/// them again so that nothing invalid is ever stored, whoever calls them. Numbers must already be in
/// E.164 form here: the API normalises what people type with <see cref="PhoneNumberParser"/> first.
/// </summary>
public static partial class TelephonyRules
{
    public const int MaxNameLength = 200;
    public const int MaxLabelLength = 200;
    public const int MaxTrunkNumbers = 100;
    public const int MaxConcurrentCalls = 10_000;
    public const double MinCallsPerSecond = 0.1;
    public const double MaxCallsPerSecond = 100;

    public static void Validate(SipTrunkSettings settings, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(settings.LiveKitTrunkId)) errors["liveKitTrunkId"] = ["Required: the id LiveKit gave the trunk (ST_…)."];
        else if (!LiveKitTrunkId().IsMatch(settings.LiveKitTrunkId)) errors["liveKitTrunkId"] = ["A LiveKit trunk id: ST_ followed by 1 to 64 letters or digits."];
        Validation.Required(errors, "name", settings.Name, MaxNameLength);
        if (settings.Numbers.Count > MaxTrunkNumbers) errors["numbers"] = [$"At most {MaxTrunkNumbers} numbers."];
        else
        {
            for (var i = 0; i < settings.Numbers.Count; i++) Number(errors, $"numbers[{i}]", settings.Numbers[i]);
            if (settings.Numbers.Distinct(StringComparer.Ordinal).Count() != settings.Numbers.Count) errors["numbers"] = ["Each number may appear only once."];
        }
        if (settings.MaxConcurrentCalls is < 1 or > MaxConcurrentCalls) errors["maxConcurrentCalls"] = [$"Between 1 and {MaxConcurrentCalls}."];
        Validation.Range(errors, "callsPerSecond", settings.CallsPerSecond, MinCallsPerSecond, MaxCallsPerSecond);
        if (!Enum.IsDefined(settings.Status)) errors["status"] = ["active or disabled."];
    }

    public static void Validate(PhoneNumberSettings settings, IDictionary<string, string[]> errors)
    {
        Number(errors, "number", settings.Number);
        Validation.Text(errors, "label", settings.Label, MaxLabelLength);
        if (!Enum.IsDefined(settings.Status)) errors["status"] = ["active, suspended or released."];
        if (settings.Inbound is { } inbound) Validate(inbound, "inbound.", errors);
    }

    public static void Validate(InboundRouting inbound, string prefix, IDictionary<string, string[]> errors)
    {
        Validation.TimeZone(errors, prefix + "timeZone", inbound.TimeZone);
        if (inbound.Hours.Count > InboundRouting.MaxHours) errors[prefix + "hours"] = [$"At most {InboundRouting.MaxHours} ranges."];
        else for (var i = 0; i < inbound.Hours.Count; i++) VoicePlatform.Campaigns.CampaignRules.ValidateWindow(inbound.Hours[i], $"{prefix}hours[{i}].", errors);
        if (inbound.Holidays.Count > InboundRouting.MaxHolidays) errors[prefix + "holidays"] = [$"At most {InboundRouting.MaxHolidays} dates."];
        else if (inbound.Holidays.Distinct().Count() != inbound.Holidays.Count) errors[prefix + "holidays"] = ["A date is listed twice."];
        Validation.Text(errors, prefix + "closedMessage", inbound.ClosedMessage, InboundRouting.MaxMessageLength);
        if (inbound.AfterHoursAgentId == inbound.AgentId) errors[prefix + "afterHoursAgentId"] = ["Another agent than agentId, or none (the closed message is said instead)."];
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every broken rule; for callers that bypass the API.</summary>
    public static void EnsureValid(SipTrunkSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(settings, errors);
        Validation.ThrowIfAny(errors);
    }

    public static void EnsureValid(PhoneNumberSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(settings, errors);
        Validation.ThrowIfAny(errors);
    }

    private static void Number(IDictionary<string, string[]> errors, string field, string? value)
    {
        if (!PhoneNumberParser.TryParse(value, out var number, out var error)) errors[field] = [error];
        else if (number.Value != value) errors[field] = [$"Must be in E.164 form: {number.Value}."];
    }

    [GeneratedRegex("^ST_[A-Za-z0-9]{1,64}$")]
    private static partial Regex LiveKitTrunkId();
}
