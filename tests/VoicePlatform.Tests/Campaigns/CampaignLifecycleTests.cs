using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Campaigns;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>The campaign lifecycle: every command idempotent, refusals change nothing, a person's pause outranks the campaign's own.</summary>
public sealed class CampaignLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly CampaignPhase Running = new(CampaignStatus.Running);

    [Fact]
    public void StartRunsAtOnceOrWaitsForTheStartTime()
    {
        Assert.Equal(CampaignStatus.Running, CampaignLifecycle.Start(CampaignPhase.Draft, Now, null).Phase.Status);
        var scheduled = CampaignLifecycle.Start(CampaignPhase.Draft, Now, Now.AddHours(1)).Phase;
        Assert.Equal(CampaignStatus.Scheduled, scheduled.Status);
        Assert.Equal(CampaignStatus.Running, CampaignLifecycle.StartTimeReached(scheduled).Phase.Status);
        Assert.Equal(CampaignStatus.Running, CampaignLifecycle.Start(CampaignPhase.Draft, Now, Now.AddHours(-1)).Phase.Status);
    }

    [Fact]
    public void EveryCommandRepeatedChangesNothing()
    {
        Assert.Same(Running, CampaignLifecycle.Start(Running, Now, null).Phase);
        Assert.Same(Running, CampaignLifecycle.Resume(Running, Now, null).Phase);
        var paused = CampaignLifecycle.Pause(Running, PauseReason.Requested).Phase;
        Assert.Same(paused, CampaignLifecycle.Pause(paused, PauseReason.Requested).Phase);
        var cancelled = CampaignLifecycle.Cancel(paused).Phase;
        Assert.Same(cancelled, CampaignLifecycle.Cancel(cancelled).Phase);
        var completed = CampaignLifecycle.NoLeadLeft(Running).Phase;
        Assert.Same(completed, CampaignLifecycle.NoLeadLeft(completed).Phase);
        Assert.False(CampaignLifecycle.Cancel(cancelled).IsRefused);
    }

    [Fact]
    public void CommandsThatDoNotApplyAreRefusedAndChangeNothing()
    {
        var completed = new CampaignPhase(CampaignStatus.Completed);
        foreach (var transition in new[]
                 {
                     CampaignLifecycle.Pause(CampaignPhase.Draft, PauseReason.Requested), CampaignLifecycle.Resume(CampaignPhase.Draft, Now, null),
                     CampaignLifecycle.Start(completed, Now, null), CampaignLifecycle.Cancel(completed),
                     CampaignLifecycle.Start(new CampaignPhase(CampaignStatus.Paused, PauseReason.Requested), Now, null),
                 })
        {
            Assert.True(transition.IsRefused);
        }
        Assert.Same(completed, CampaignLifecycle.Cancel(completed).Phase);
    }

    [Fact]
    public void APersonsPauseIsNeverUndoneByAnAutoResume()
    {
        var broke = CampaignLifecycle.Pause(Running, PauseReason.InsufficientFunds).Phase;
        Assert.Equal(CampaignStatus.Running, CampaignLifecycle.AutoResume(broke, PauseReason.InsufficientFunds, autoResumeEnabled: true).Phase.Status);
        Assert.Same(broke, CampaignLifecycle.AutoResume(broke, PauseReason.InsufficientFunds, autoResumeEnabled: false).Phase);
        // A person pauses the campaign that paused itself: the top-up no longer resumes it.
        var held = CampaignLifecycle.Pause(broke, PauseReason.Requested).Phase;
        Assert.Equal(PauseReason.Requested, held.PausedFor);
        Assert.Same(held, CampaignLifecycle.AutoResume(held, PauseReason.InsufficientFunds, autoResumeEnabled: true).Phase);
        // And the campaign's own later pause does not downgrade a person's.
        Assert.Same(held, CampaignLifecycle.Pause(held, PauseReason.AbandonRate).Phase);
        Assert.Equal(CampaignStatus.Running, CampaignLifecycle.Resume(held, Now, null).Phase.Status);
    }

    [Fact]
    public void EditingInDraftAndPausedDeletingWhenNotRunning()
    {
        var paused = new CampaignPhase(CampaignStatus.Paused, PauseReason.Requested);
        Assert.Null(CampaignLifecycle.WhyNotEditable(CampaignPhase.Draft));
        Assert.Null(CampaignLifecycle.WhyNotEditable(paused));
        Assert.NotNull(CampaignLifecycle.WhyNotEditable(Running));
        Assert.NotNull(CampaignLifecycle.WhyNotDeletable(Running));
        Assert.NotNull(CampaignLifecycle.WhyNotDeletable(new CampaignPhase(CampaignStatus.Scheduled)));
        Assert.Null(CampaignLifecycle.WhyNotDeletable(paused));
        Assert.Null(CampaignLifecycle.WhyNotDeletable(new CampaignPhase(CampaignStatus.Cancelled)));
    }
}
