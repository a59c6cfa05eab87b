using System.Globalization;
using System.Text.RegularExpressions;
using VoicePlatform.Common;

namespace VoicePlatform.Campaigns;

/// <summary>The rules a campaign's settings must keep; each error names its field (<c>windows[0].endMinute</c>).</summary>
public static partial class CampaignRules
{
    public const int MaxDelayMinutes = 30 * 24 * 60;
    public const int MaxAttemptsPerOutcome = 20;
    public const int MaxAttemptsPerLead = 50;

    public static void Validate(CampaignSettings settings, string prefix, IDictionary<string, string[]> errors)
    {
        Validation.Required(errors, prefix + "name", settings.Name, CampaignSettings.MaxNameLength);
        if (settings.CallerIdNumberIds.Count > CampaignSettings.MaxCallerIds) errors[prefix + "callerIdNumberIds"] = [$"At most {CampaignSettings.MaxCallerIds} numbers."];
        else if (settings.CallerIdNumberIds.Distinct().Count() != settings.CallerIdNumberIds.Count) errors[prefix + "callerIdNumberIds"] = ["A number is listed twice."];
        if (settings.StartsAt is { } start && settings.EndsAt is { } end && end <= start) errors[prefix + "endsAt"] = ["After startsAt."];

        if (settings.Windows.Count == 0) errors[prefix + "windows"] = ["At least one window: when, in each lead's local time, calls may be placed."];
        else if (settings.Windows.Count > CampaignSettings.MaxWindows) errors[prefix + "windows"] = [$"At most {CampaignSettings.MaxWindows} windows."];
        else
        {
            for (var i = 0; i < settings.Windows.Count; i++) Window(settings.Windows[i], $"{prefix}windows[{i}].", errors);
        }

        Validation.TimeZone(errors, prefix + "defaultTimeZone", settings.DefaultTimeZone);
        if (!RegionCode().IsMatch(settings.DefaultRegion ?? "")) errors[prefix + "defaultRegion"] = ["An ISO 3166 alpha-2 region such as US or GB."];
        if (settings.Pacing is not { } pacing) errors[prefix + "pacing"] = ["Required."];
        else
        {
            Between(errors, prefix + "pacing.maxConcurrentCalls", pacing.MaxConcurrentCalls, 1, CampaignPacing.MaxConcurrent);
            Between(errors, prefix + "pacing.maxDialsPerMinute", pacing.MaxDialsPerMinute, 1, CampaignPacing.MaxPerMinute);
        }
        if (settings.Retry is not { } retry) errors[prefix + "retry"] = ["Required."];
        else
        {
            Retry(retry.NoAnswer, prefix + "retry.noAnswer", errors);
            Retry(retry.Busy, prefix + "retry.busy", errors);
            Retry(retry.Voicemail, prefix + "retry.voicemail", errors);
            Retry(retry.Failed, prefix + "retry.failed", errors);
            Between(errors, prefix + "retry.maxAttemptsPerLead", retry.MaxAttemptsPerLead, 1, MaxAttemptsPerLead);
        }
        Validation.Range(errors, prefix + "abandonRateLimitPercent", settings.AbandonRateLimitPercent, 0.1, 10);

        ValidateCallingRules(settings.CallingRules, prefix + "callingRules", errors);
    }

    /// <summary>A tenant's own calling rules, a campaign's or the whole tenant's: each error named <c>callingRules[1].toMinute</c>.</summary>
    public static void ValidateCallingRules(IReadOnlyList<CallingRule>? rules, string field, IDictionary<string, string[]> errors)
    {
        if (rules is null) return;
        if (rules.Count > CampaignSettings.MaxTenantRules) errors[field] = [$"At most {CampaignSettings.MaxTenantRules} rules."];
        else
        {
            for (var i = 0; i < rules.Count; i++) Rule(rules[i], $"{field}[{i}].", errors);
        }
    }

    public static void EnsureValid(CampaignSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(settings, "", errors);
        Validation.ThrowIfAny(errors);
    }

    /// <summary>A weekly range's rules (days, minutes), for anything else drawn on the same week grid (a number's opening hours).</summary>
    public static void ValidateWindow(CallWindow window, string prefix, IDictionary<string, string[]> errors) => Window(window, prefix, errors);

    private static void Window(CallWindow window, string prefix, IDictionary<string, string[]> errors)
    {
        if (window.Days.Count == 0) errors[prefix + "days"] = ["At least one day."];
        else if (window.Days.Distinct().Count() != window.Days.Count) errors[prefix + "days"] = ["A day is listed twice."];
        else if (window.Days.Any(d => !Enum.IsDefined(d))) errors[prefix + "days"] = ["Days of the week, monday to sunday."];
        Between(errors, prefix + "startMinute", window.StartMinute, 0, CallWindow.MinutesPerDay - 1);
        Between(errors, prefix + "endMinute", window.EndMinute, 1, CallWindow.MinutesPerDay);
        if (window.EndMinute == window.StartMinute) errors[prefix + "endMinute"] = ["Not the start: an end before the start crosses midnight, the same minute is no window."];
    }

    private static void Retry(RetryRule? rule, string field, IDictionary<string, string[]> errors)
    {
        if (rule is null) { errors[field] = ["Required."]; return; }
        Between(errors, field + ".delayMinutes", rule.DelayMinutes, 1, MaxDelayMinutes);
        Between(errors, field + ".maxAttempts", rule.MaxAttempts, 1, MaxAttemptsPerOutcome);
    }

    private static void Rule(CallingRule rule, string prefix, IDictionary<string, string[]> errors)
    {
        Validation.Required(errors, prefix + "id", rule.Id, 64);
        if (!AppliesTo().IsMatch(rule.AppliesTo ?? "")) errors[prefix + "appliesTo"] = ["* (every number), a region such as US, or a US state such as US-FL."];
        if (rule.FromMinute is not null || rule.ToMinute is not null)
        {
            if (rule.FromMinute is not { } from || rule.ToMinute is not { } to) errors[prefix + "toMinute"] = ["Hours need both fromMinute and toMinute."];
            else
            {
                Between(errors, prefix + "fromMinute", from, 0, CallWindow.MinutesPerDay - 1);
                Between(errors, prefix + "toMinute", to, 1, CallWindow.MinutesPerDay);
                if (to <= from) errors[prefix + "toMinute"] = ["After fromMinute (a rule's hours do not cross midnight)."];
            }
        }
        for (var i = 0; i < rule.Holidays.Count; i++)
        {
            if (!DateOnly.TryParseExact(rule.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors[$"{prefix}holidays[{i}]"] = ["A date, yyyy-MM-dd."];
        }
        if (rule.MaxAttempts is not null || rule.PerHours is not null)
        {
            if (rule.MaxAttempts is not { } max || rule.PerHours is not { } hours) errors[prefix + "perHours"] = ["A cap needs both maxAttempts and perHours."];
            else
            {
                Between(errors, prefix + "maxAttempts", max, 1, 100);
                Between(errors, prefix + "perHours", hours, 1, 24 * 31);
            }
        }
        Validation.Required(errors, prefix + "source", rule.Source, 500);
    }

    private static void Between(IDictionary<string, string[]> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max) errors[field] = [$"Between {min} and {max}."];
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex(@"^(\*|[A-Z]{2}(-[A-Z]{2})?)$")]
    private static partial Regex AppliesTo();
}
