using System.Text.Json;
using VoicePlatform.Wallets;

namespace VoicePlatform.Silo.Wallets;

/// <summary>
/// Ledger enums as the table stores them: kebab-case names spelled as in JSON (top-up, insufficient-funds), so
/// renumbering a C# enum never changes what a stored entry means. Migration 0005's CHECK lists name the same values.
/// </summary>
internal static class WalletLedgerText
{
    private static readonly Dictionary<WalletEntryKind, string> KindNames = Names<WalletEntryKind>();
    private static readonly Dictionary<string, WalletEntryKind> Kinds = KindNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    private static readonly Dictionary<WalletOperationStatus, string> StatusNames = Names<WalletOperationStatus>();
    private static readonly Dictionary<string, WalletOperationStatus> Statuses = StatusNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Kind(WalletEntryKind kind) => KindNames[kind];

    public static string Status(WalletOperationStatus status) => StatusNames[status];

    /// <summary>An unknown name means a newer build wrote the row; reading on would misstate money.</summary>
    public static WalletEntryKind ParseKind(string name) =>
        Kinds.TryGetValue(name, out var kind) ? kind : throw new InvalidDataException($"'{name}' is not a ledger entry kind this build knows.");

    public static WalletOperationStatus ParseStatus(string name) =>
        Statuses.TryGetValue(name, out var status) ? status : throw new InvalidDataException($"'{name}' is not a ledger status this build knows.");

    private static Dictionary<T, string> Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
}
