using VoicePlatform.Common;
using VoicePlatform.Inbound;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A caller to refuse on every number of the tenant, typed as people write numbers (+1 512-555-0142), and why.</summary>
public sealed record BlockedCallerRequest(string? Number, string? Reason)
{
    public Dictionary<string, string[]> Validate(string actor, DateTimeOffset now, out BlockedCaller caller)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PhoneNumberParser.TryParse(Number, out var number, out var error)) errors["number"] = [error];
        Validation.Text(errors, "reason", Reason, BlockedCaller.MaxReasonLength);
        caller = new BlockedCaller { Number = number?.Value ?? "", Reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(), AddedBy = actor, AddedAt = now };
        return errors;
    }
}
