namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// One pass over an endpoint's due deliveries: <c>concurrency</c> requests in flight, each answer starting the next, so
/// a slow receiver's answer holds one sender, not the whole group (a batch sent group by group waited for every group's
/// slowest). A receiver that failed <c>concurrency</c> times in a row with no success between gets no more of the pass:
/// it ends, and the rest stay due, rather than every delivery of the batch waiting out its timeout first. The outcomes
/// are in the batch's order, the unsent left out. Awaits on the caller's scheduler (a grain's).
/// </summary>
public static class WebhookPass
{
    public static async Task<List<(T Item, WebhookSendResult Result)>> SendAsync<T>(IReadOnlyList<T> due, int concurrency, Func<T, Task<WebhookSendResult>> send)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var results = new WebhookSendResult?[due.Count];
        var inFlight = new Dictionary<Task<WebhookSendResult>, int>(concurrency);
        var next = 0;
        var failuresInARow = 0;
        while (inFlight.Count > 0 || next < due.Count && failuresInARow < concurrency)
        {
            while (next < due.Count && inFlight.Count < concurrency && failuresInARow < concurrency)
            {
                inFlight[send(due[next])] = next;
                next++;
            }
            var done = await Task.WhenAny(inFlight.Keys);
            var result = await done;
            results[inFlight[done]] = result;
            inFlight.Remove(done);
            failuresInARow = result.Delivered ? 0 : failuresInARow + 1;
        }
        return due.Zip(results).Where(o => o.Second is not null).Select(o => (o.First, o.Second!)).ToList();
    }
}
