namespace VoicePlatform.Wallets;

/// <summary>
/// The stream of events about one tenant (for now <see cref="WalletLowBalanceReached"/>) on the silo's live stream
/// provider: best effort and in memory, for supervisors and, later, outbound webhooks. The stream id is this
/// namespace and the tenant id: <c>StreamId.Create(TenantEventStreams.Namespace, tenant.Value)</c>.
/// </summary>
public static class TenantEventStreams
{
    public const string Namespace = "tenant-events";
}
