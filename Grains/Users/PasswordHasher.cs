using System.Security.Cryptography;
using System.Text;

namespace VoicePlatform.Grains.Users;

/// <summary>
/// Password hashes: PBKDF2-HMAC-SHA256 with a random 16-byte salt and OWASP's current work factor (600,000 iterations),
/// stored as <c>pbkdf2-sha256$iterations$salt$hash</c> so a later work factor can verify old hashes and rehash them.
/// About a quarter of a second per hash on one core: slow for a guesser, fine for a person signing in.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A hash of a password nobody has: what an unknown email is checked against, so both cost the same.</summary>
    public static readonly string Decoy = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1) return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when a hash was made with a weaker work factor than today's and should be replaced at the next sign-in.</summary>
    public static bool NeedsRehash(string stored) =>
        stored.Split('$') is not [Scheme, var iterations, _, _] || !int.TryParse(iterations, out var n) || n < Iterations;

    /// <summary>Off the grain's scheduler: the hash is deliberately slow and must not hold a silo's grain thread.</summary>
    public static Task<bool> VerifyInBackground(string password, string stored) => Task.Run(() => Verify(password, stored));

    public static Task<string> HashInBackground(string password) => Task.Run(() => Hash(password));
}
