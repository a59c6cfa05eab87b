namespace VoicePlatform.Grains.Common;

/// <summary>
/// A grain call refused because the cluster is changing — the target's silo stopped or was declared dead, the message
/// rejected while its activation moved — is sent again after a moment, a few times: in a rolling restart the target
/// is active again on a silo that stays within a second or two. Only for idempotent calls (a wallet operation under
/// its key): a refused message may still have been processed, and the repeat must then change nothing.
/// </summary>
public static class ClusterChangeRetry
{
    /// <summary>The waits before each repeat: about two seconds in all, well within what a caller waits for a grain call.</summary>
    public static readonly IReadOnlyList<TimeSpan> Delays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    /// <summary>
    /// Refused by the cluster rather than failed by the grain. <see cref="SiloUnavailableException"/> is one; a
    /// timeout is not, as the target may simply be slow, and repeating would only add to its load.
    /// </summary>
    public static bool IsClusterChange(Exception exception) => exception is OrleansMessageRejectionException;

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, TimeProvider time, Action<Exception, TimeSpan>? retrying = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (IsClusterChange(e) && attempt < Delays.Count)
            {
                retrying?.Invoke(e, Delays[attempt]);
                await Task.Delay(Delays[attempt], time);
            }
        }
    }
}
