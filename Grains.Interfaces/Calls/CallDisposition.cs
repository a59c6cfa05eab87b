namespace VoicePlatform.Calls;

/// <summary>What the conversation achieved. JSON: qualified, not-interested, callback-requested, wrong-number, do-not-call.</summary>
[GenerateSerializer, Alias("vp.CallDisposition")]
public enum CallDisposition
{
    Qualified = 0,
    NotInterested = 1,
    /// <summary>The callee asked to be called back; <see cref="CallOutcome.CallbackAt"/> says when.</summary>
    CallbackRequested = 2,
    WrongNumber = 3,
    /// <summary>The callee asked never to be called again; campaigns must honour it.</summary>
    DoNotCall = 4,
}
