using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using VoicePlatform.Common;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.Silo.Security;

/// <summary>
/// The platform operator's secret (<c>Operator:ApiKey</c>). It opens the operator API and the dashboard.
/// Required outside development; in development a fresh one is generated and printed at start-up.
/// </summary>
public sealed class OperatorCredential
{
    public const string Setting = "Operator:ApiKey";
    public const int MinimumLength = 32;
    public const string BasicUserName = "operator";

    private readonly byte[] _hash;

    public OperatorCredential(string secret, bool generated)
    {
        Secret = secret;
        Generated = generated;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>The secret itself; only ever printed when it was generated for development.</summary>
    public string Secret { get; }

    public bool Generated { get; }

    public static OperatorCredential FromConfiguration(IConfiguration configuration, bool development)
    {
        var secret = configuration[Setting];
        if (string.IsNullOrEmpty(secret))
        {
            if (development) return new OperatorCredential("vpo_" + RandomIds.Create(40), generated: true);
            throw new PlatformConfigurationException(Setting, "required outside development mode (at least 32 characters).");
        }
        if (secret.Length < MinimumLength || secret.Any(char.IsWhiteSpace))
            throw new PlatformConfigurationException(Setting, $"must be at least {MinimumLength} characters with no spaces.");
        return new OperatorCredential(secret, generated: false);
    }

    /// <summary>Constant-time comparison: hashing first makes the lengths equal.</summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);
}
