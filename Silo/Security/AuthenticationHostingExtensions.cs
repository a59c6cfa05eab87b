using VoicePlatform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VoicePlatform.Silo.Security;

public static class AuthenticationHostingExtensions
{
    /// <summary>Operator and API-key authentication plus the platform's policies. Safe to call twice.</summary>
    public static OperatorCredential AddPlatformAuthentication(this WebApplicationBuilder builder, bool development)
    {
        var existing = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(OperatorCredential))?.ImplementationInstance;
        if (existing is OperatorCredential credential) return credential;

        credential = OperatorCredential.FromConfiguration(builder.Configuration, development);
        builder.Services.TryAddSingleton(credential);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ApiKeyIdFilter>();
        builder.Services.TryAddSingleton<AuthenticationFailureLimiter>();
        builder.Services.TryAddSingleton<IAuthenticationThrottle>(sp => sp.GetRequiredService<AuthenticationFailureLimiter>());
        builder.Services.TryAddSingleton<LiveHubTokens>();
        builder.Services.TryAddSingleton<ILiveHubTokens>(sp => sp.GetRequiredService<LiveHubTokens>());
        builder.Services.AddOptions<AuthenticationFailureOptions>().Bind(builder.Configuration.GetSection(AuthenticationFailureOptions.SectionName));
        builder.Services.AddAuthentication(PlatformAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PlatformAuthenticationHandler>(PlatformAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPlatformPolicies());
        return credential;
    }
}
