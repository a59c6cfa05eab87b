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

    public const int MaxCredentialLength = 200;

    /// <summary>
    /// A trunk as a request gives it: an existing LiveKit trunk to attach (<c>liveKitTrunkId</c>) or a provider for the
    /// platform to create one (<c>provider</c>), never both; <paramref name="stored"/> allows both, as a provisioned trunk
    /// keeps the id LiveKit gave it.
    /// </summary>
    public static void Validate(SipTrunkSettings settings, IDictionary<string, string[]> errors, bool stored = false)
    {
        if (!Enum.IsDefined(settings.Direction)) errors["direction"] = ["outbound or inbound."];
        if (settings.Provider is null)
        {
            if (string.IsNullOrEmpty(settings.LiveKitTrunkId)) errors["liveKitTrunkId"] = ["Required unless provider is given: the id LiveKit gave the trunk (ST_…), or a provider for the platform to create one."];
            else if (!LiveKitTrunkId().IsMatch(settings.LiveKitTrunkId)) errors["liveKitTrunkId"] = ["A LiveKit trunk id: ST_ followed by 1 to 64 letters or digits."];
            if (settings.AuthPassword is not null) errors["provider.authPassword"] = ["Only a trunk the platform provisions (with provider) takes a password."];
        }
        else
        {
            if (!stored && !string.IsNullOrEmpty(settings.LiveKitTrunkId)) errors["liveKitTrunkId"] = ["Give liveKitTrunkId to attach an existing trunk, or provider to have one created, not both."];
            else if (stored && !string.IsNullOrEmpty(settings.LiveKitTrunkId) && !LiveKitTrunkId().IsMatch(settings.LiveKitTrunkId)) errors["liveKitTrunkId"] = ["A LiveKit trunk id."];
            Validate(settings.Provider, settings, errors);
        }
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

    /// <summary>
    /// LiveKit's own rules for what it is given: an outbound trunk needs a host (not a SIP URI) and numbers; an inbound one
    /// must be closed by numbers, source addresses or credentials; a user without a password (or the reverse) cannot sign in.
    /// </summary>
    private static void Validate(SipTrunkProvider provider, SipTrunkSettings settings, IDictionary<string, string[]> errors)
    {
        if (!Enum.IsDefined(provider.Transport)) errors["provider.transport"] = ["auto, udp, tcp or tls."];
        Validation.Text(errors, "provider.authUsername", provider.AuthUsername, MaxCredentialLength);
        if (settings.AuthPassword is { } password && (password.Value.Length is 0 or > MaxCredentialLength || password.Value.Any(char.IsControl)))
            errors["provider.authPassword"] = [$"1 to {MaxCredentialLength} characters, no control characters."];
        if (settings.Direction == SipTrunkDirection.Outbound)
        {
            if (string.IsNullOrWhiteSpace(provider.Address)) errors["provider.address"] = ["Required for an outbound trunk: the carrier's host name or IP address."];
            else if (!HostName().IsMatch(provider.Address)) errors["provider.address"] = ["A host name or IP address (optionally :port), not a SIP URI: no 'sip:', user, ';' parameters or spaces."];
            if (provider.AllowedAddresses.Count > 0) errors["provider.allowedAddresses"] = ["Only an inbound trunk has allowed source addresses."];
            if (settings.Numbers.Count == 0) errors["numbers"] = ["LiveKit needs at least one number on an outbound trunk it is given."];
        }
        else
        {
            if (!string.IsNullOrEmpty(provider.Address)) errors["provider.address"] = ["Only an outbound trunk has a carrier address; an inbound one lists allowedAddresses."];
            if (provider.AllowedAddresses.Count > SipTrunkProvider.MaxAllowedAddresses) errors["provider.allowedAddresses"] = [$"At most {SipTrunkProvider.MaxAllowedAddresses}."];
            else
                for (var i = 0; i < provider.AllowedAddresses.Count; i++)
                    if (!AllowedAddress().IsMatch(provider.AllowedAddresses[i])) errors[$"provider.allowedAddresses[{i}]"] = ["An IP address, a CIDR range (203.0.113.0/24) or a host name."];
            if (settings.Numbers.Count == 0 && provider.AllowedAddresses.Count == 0 && string.IsNullOrEmpty(provider.AuthUsername))
                errors["numbers"] = ["An inbound trunk must be closed: give numbers, provider.allowedAddresses or provider.authUsername with a password (LiveKit's rule)."];
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every broken rule; for callers that bypass the API.</summary>
    public static void EnsureValid(SipTrunkSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(settings, errors, stored: true);
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

    [GeneratedRegex(@"^(?!sips?:)[A-Za-z0-9]([A-Za-z0-9.\-]{0,252})(:[0-9]{1,5})?$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^([0-9]{1,3}(\.[0-9]{1,3}){3}(/[0-9]{1,2})?|[0-9A-Fa-f:]{2,39}(/[0-9]{1,3})?|[A-Za-z0-9][A-Za-z0-9.\-]{0,252})$")]
    private static partial Regex AllowedAddress();
}
