using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>Refuses a host with unusable LiveKit settings; register with <c>ValidateOnStart</c>.</summary>
public sealed class LiveKitOptionsValidator : IValidateOptions<LiveKitOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveKitOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
