namespace VoicePlatform.Calls;

/// <summary>Who picked up, as the agent worker detected it. JSON: human, machine.</summary>
[GenerateSerializer, Alias("vp.AnsweredBy")]
public enum AnsweredBy
{
    Human = 0,
    /// <summary>An answering machine or voicemail box: the call ends as Voicemail.</summary>
    Machine = 1,
}
