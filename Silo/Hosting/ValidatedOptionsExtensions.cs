using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Common;

namespace VoicePlatform.Silo.Hosting;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to its section and checks its rules when the host starts, so a bad value stops
    /// start-up with the setting's name (exit code 2) instead of failing the first call that reads it.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration)
        where T : class, IValidatedOptions
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, ValidatedOptionsValidator<T>>());
        return services.AddOptions<T>().Bind(configuration.GetSection(T.SectionName)).ValidateOnStart();
    }
}
