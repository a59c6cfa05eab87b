using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// A SIP trunk as a client sends it, to create or to replace (PUT); an omitted status means active, an omitted direction
/// outbound. Give <c>liveKitTrunkId</c> to attach a trunk that exists on LiveKit, or <c>provider</c> to have the platform
/// create (and keep up to date, and delete) one there.
/// </summary>
public sealed record SipTrunkRequest(
    string? LiveKitTrunkId, string? Name, IReadOnlyList<string?>? Numbers, int? MaxConcurrentCalls, double? CallsPerSecond, SipTrunkStatus? Status,
    SipTrunkDirection? Direction = null, SipTrunkProviderRequest? Provider = null)
{
    public Dictionary<string, string[]> Validate(out SipTrunkSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        settings = new SipTrunkSettings
        {
            LiveKitTrunkId = LiveKitTrunkId?.Trim() ?? "",
            Name = Name?.Trim() ?? "",
            // Numbers are stored in E.164; one that does not parse stays as sent for the rules to name.
            Numbers = (Numbers ?? []).Select(n => PhoneNumberParser.TryParse(n, out var number, out _) ? number.Value : n ?? "").ToList(),
            MaxConcurrentCalls = MaxConcurrentCalls ?? 0,
            CallsPerSecond = CallsPerSecond ?? 0,
            Status = Status ?? SipTrunkStatus.Active,
            Direction = Direction ?? SipTrunkDirection.Outbound,
            Provider = Provider?.ToProvider(),
            AuthPassword = Provider?.AuthPassword is { Length: > 0 } password ? new SipSecret(password) : null,
        };
        TelephonyRules.Validate(settings, errors);
        if (MaxConcurrentCalls is null) errors["maxConcurrentCalls"] = [$"Required: between 1 and {TelephonyRules.MaxConcurrentCalls}."];
        if (CallsPerSecond is null) errors["callsPerSecond"] = [$"Required: between {TelephonyRules.MinCallsPerSecond} and {TelephonyRules.MaxCallsPerSecond}."];
        return errors;
    }

    /// <summary>Leaves the provider's password out (see <see cref="SipTrunkProviderRequest.ToString"/>).</summary>
    public override string ToString() => $"SipTrunkRequest {{ LiveKitTrunkId = {LiveKitTrunkId}, Name = {Name}, Direction = {Direction}, Provider = {Provider} }}";
}
