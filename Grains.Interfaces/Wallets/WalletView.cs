namespace VoicePlatform.Wallets;

/// <summary>A tenant's wallet as the API shows it; integer minor units of <see cref="Currency"/>.</summary>
[GenerateSerializer, Immutable, Alias("vp.WalletView")]
public sealed record WalletView
{
    [Id(0)] public required string Currency { get; init; }
    [Id(1)] public required long Balance { get; init; }
    [Id(2)] public required long Reserved { get; init; }
    public long Available => Balance - Reserved;
    [Id(4)] public required long LowBalanceThreshold { get; init; }
    [Id(5)] public required bool LowBalance { get; init; }
}
