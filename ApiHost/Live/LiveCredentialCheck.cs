namespace VoicePlatform.ApiHost.Live;

/// <summary>How often the API host asks whether the credentials behind its open live connections still stand (<c>Live:CredentialCheckPeriod</c>).</summary>
public sealed record LiveCredentialCheck(TimeSpan Period)
{
    public const string PeriodKey = "Live:CredentialCheckPeriod";
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(30);
}
