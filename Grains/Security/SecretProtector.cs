using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Security;

/// <summary>
/// Encrypts secrets the platform must read back with AES-256-GCM under <see cref="SecretsOptions.EncryptionKey"/>:
/// <c>v1.{key id}.{base64 nonce|ciphertext|tag}</c>. The key id (the first bytes of the key's SHA-256) says which key a
/// secret needs, so a wrong key fails with that message instead of garbage; the context (what the secret belongs to) is
/// authenticated, so a ciphertext copied onto another record does not decrypt.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[]? _key;
    private readonly string? _keyId;

    public SecretProtector(IOptions<SecretsOptions> options)
    {
        if (string.IsNullOrWhiteSpace(options.Value.EncryptionKey)) return;
        _key = Convert.FromBase64String(options.Value.EncryptionKey.Trim());
        _keyId = Convert.ToHexStringLower(SHA256.HashData(_key))[..8];
    }

    public bool IsConfigured => _key is not null;

    public string Protect(string secret, string context)
    {
        var key = _key ?? throw new InvalidOperationException("Secrets:EncryptionKey is not configured.");
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(context));
        return $"{Version}.{_keyId}.{Convert.ToBase64String(sealedBytes)}";
    }

    public string Unprotect(string protectedSecret, string context)
    {
        var key = _key ?? throw new InvalidOperationException("Secrets:EncryptionKey is not configured.");
        var parts = protectedSecret.Split('.');
        if (parts.Length != 3 || parts[0] != Version) throw new CryptographicException("Not a protected secret of this platform.");
        if (parts[1] != _keyId) throw new CryptographicException($"The secret was encrypted with another Secrets:EncryptionKey (key id {parts[1]}, configured {_keyId}).");
        var sealedBytes = Convert.FromBase64String(parts[2]);
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        if (length < 0) throw new CryptographicException("The protected secret is truncated.");
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }
}
