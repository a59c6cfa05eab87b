namespace VoicePlatform.Agents;

[GenerateSerializer, Alias("vp.VoicemailAction")]
public enum VoicemailAction
{
    HangUp = 0,
    LeaveMessage = 1,
}
