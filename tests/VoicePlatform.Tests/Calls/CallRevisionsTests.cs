using VoicePlatform.Grains.Calls;

namespace VoicePlatform.Tests.Calls;

/// <summary>The revision that orders a call's projections, across an activation lost after saves kept in memory.</summary>
public sealed class CallRevisionsTests
{
    [Fact]
    public void TheNextActivationsFirstDurableSaveIsAboveWhatALostActivationProjectedFromMemory()
    {
        // Queued (durable), then dialing and ringing kept in memory and projected; the activation is then lost.
        var stored = CallRevisions.Next(0, durable: true);
        var dialing = CallRevisions.Next(stored, durable: false);
        var ringing = CallRevisions.Next(dialing, durable: false);
        Assert.True(ringing > stored);

        // The next activation resumes from the stored revision and ends the call durably: the store must take it.
        var ended = CallRevisions.Next(stored, durable: true);
        Assert.True(ended > ringing, $"ended {ended} must be above ringing {ringing}");
        // And every save still moves forward within one activation, in memory or not.
        Assert.True(CallRevisions.Next(ringing, durable: true) > ringing);
        Assert.True(CallRevisions.Next(ended, durable: false) > ended);
        // A record written before revisions came in blocks (small numbers) is overtaken by the next durable save.
        Assert.Equal(CallRevisions.BlockSize, CallRevisions.Next(7, durable: true));
    }
}
