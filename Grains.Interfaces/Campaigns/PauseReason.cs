namespace VoicePlatform.Campaigns;

/// <summary>Why a campaign is paused: a person asked, or it paused itself (and may resume itself).</summary>
[GenerateSerializer, Alias("vp.PauseReason")]
public enum PauseReason
{
    /// <summary>Someone asked; only someone resumes it.</summary>
    Requested = 0,
    /// <summary>The wallet could not reserve a call's first block; resumes after a top-up when auto-resume is on.</summary>
    InsufficientFunds = 1,
    /// <summary>Too many answered calls found no agent in the room in time.</summary>
    AbandonRate = 2,
}
