using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Common;

/// <summary>Refuses a host whose <typeparamref name="T"/> settings break their rules; registered with <c>ValidateOnStart</c>.</summary>
public sealed class ValidatedOptionsValidator<T> : IValidateOptions<T> where T : class, IValidatedOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
