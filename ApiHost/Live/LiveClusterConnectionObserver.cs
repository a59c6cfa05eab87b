namespace VoicePlatform.ApiHost.Live;

/// <summary>
/// Watches an API host's cluster connection for the live feed: when the client had lost every gateway and has one
/// again, the bridged streams are subscribed anew and the supervisors told to resync (<see cref="LiveStreamBridge.ResubscribeAllAsync"/>).
/// </summary>
public sealed class LiveClusterConnectionObserver(IServiceProvider services, ILogger<LiveClusterConnectionObserver> logger) : IClusterConnectionStatusObserver
{
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (!connectionRecovered && !(previousNumberOfGateways == 0 && currentNumberOfGateways > 0)) return;
        // Not on Orleans' notification thread: subscribing calls into the cluster.
        _ = Task.Run(async () =>
        {
            try
            {
                // Resolved here, not injected: the bridge needs the cluster client, whose construction needs this observer.
                await services.GetRequiredService<LiveStreamBridge>().ResubscribeAllAsync();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Live streams could not be bridged anew after the cluster connection came back");
            }
        });
    }

    public void NotifyClusterConnectionLost() =>
        logger.LogWarning("The cluster connection is lost: live events stop until it comes back, then supervisors resync");
}
