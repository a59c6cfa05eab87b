using VoicePlatform.Grains.Webhooks;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>
/// One pass over an endpoint's due deliveries, with the requests' answers given by hand: never more than the
/// concurrency in flight, each answer starting the next, and a receiver failing that many times in a row gets no more.
/// </summary>
public sealed class WebhookPassTests
{
    private static readonly WebhookSendResult Delivered = new(204, TimeSpan.FromMilliseconds(3), null, WebhookSendVerdict.Delivered);
    private static readonly WebhookSendResult Failed = new(500, TimeSpan.FromMilliseconds(3), "HTTP 500", WebhookSendVerdict.HttpError);

    private readonly List<(int Item, TaskCompletionSource<WebhookSendResult> Answer)> _sent = [];

    private Task<WebhookSendResult> Send(int item)
    {
        var answer = new TaskCompletionSource<WebhookSendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sent) _sent.Add((item, answer));
        return answer.Task;
    }

    private int SentCount { get { lock (_sent) return _sent.Count; } }

    /// <summary>Answers request <paramref name="index"/> and waits until the pass has taken the answer (it sends the next, or ends).</summary>
    private static async Task AnswerAsync(WebhookPassTests pass, int index, WebhookSendResult result, Task running, int expectSent)
    {
        pass._sent[index].Answer.SetResult(result);
        while (pass.SentCount < expectSent && !running.IsCompleted) await Task.Yield();
    }

    [Fact]
    public async Task AReceiverFailingConcurrencyTimesInARowGetsNoMoreOfThePassAndTheRestStayDue()
    {
        var pass = WebhookPass.SendAsync(Enumerable.Range(0, 10).ToList(), 3, Send);
        Assert.Equal([0, 1, 2], _sent.Select(s => s.Item));

        // A success between failures starts the count again.
        await AnswerAsync(this, 0, Failed, pass, 4);
        await AnswerAsync(this, 1, Delivered, pass, 5);
        Assert.Equal([0, 1, 2, 3, 4], _sent.Select(s => s.Item));
        await AnswerAsync(this, 2, Failed, pass, 6);
        await AnswerAsync(this, 3, Failed, pass, 7);
        // The third failure in a row (2, 3, then 4, 5 or 6 as the pass takes them): nothing more is sent. What is in
        // flight is still awaited; anything the pass did send would be answered (failed) here until it ends.
        _sent[4].Answer.SetResult(Failed);
        _sent[5].Answer.SetResult(Failed);
        _sent[6].Answer.SetResult(Failed);
        while (!pass.IsCompleted)
        {
            lock (_sent) foreach (var (_, answer) in _sent) answer.TrySetResult(Failed);
            await Task.Yield();
        }

        var outcomes = await pass;
        Assert.Equal(7, SentCount);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], outcomes.Select(o => o.Item));
        Assert.Equal([false, true, false, false, false, false, false], outcomes.Select(o => o.Result.Delivered));
    }

    [Fact]
    public async Task AHealthyReceiverGetsTheWholeBatchNeverMoreThanTheConcurrencyAtOnceInTheBatchsOrder()
    {
        var pass = WebhookPass.SendAsync(Enumerable.Range(0, 8).ToList(), 2, Send);
        // Answered last to first within what is in flight: each answer starts exactly one more.
        for (var answered = 0; answered < 8; answered++)
        {
            var open = _sent.Count(s => !s.Answer.Task.IsCompleted);
            Assert.True(open <= 2, $"{open} in flight");
            var latest = _sent.FindLastIndex(s => !s.Answer.Task.IsCompleted);
            await AnswerAsync(this, latest, Delivered, pass, Math.Min(8, SentCount + 1));
        }

        var outcomes = await pass;
        Assert.Equal(Enumerable.Range(0, 8), outcomes.Select(o => o.Item));
        Assert.All(outcomes, o => Assert.True(o.Result.Delivered));
    }
}
