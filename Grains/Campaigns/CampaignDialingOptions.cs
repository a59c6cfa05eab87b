using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>How campaigns keep themselves alive and find attempts whose end was not heard (<c>Campaigns:Dialing</c>).</summary>
public sealed class CampaignDialingOptions : IValidatedOptions
{
    public static string SectionName => "Campaigns:Dialing";

    /// <summary>
    /// The period of each campaign's reminder: after a silo is lost its campaigns resume on a survivor within the
    /// failure-detection time plus this. Orleans' reminder floor is one minute in production; tests lower both.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its claim an attempt whose end was not heard is looked up (its call, else its LiveKit room).</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ReminderPeriod < TimeSpan.FromSeconds(1) || ReminderPeriod > TimeSpan.FromHours(1))
            errors.Add($"{SectionName}:ReminderPeriod must be from 00:00:01 to 01:00:00; got {ReminderPeriod}.");
        if (ReconcileAfter < TimeSpan.FromSeconds(1) || ReconcileAfter > TimeSpan.FromDays(1))
            errors.Add($"{SectionName}:ReconcileAfter must be from 00:00:01 to 1.00:00:00; got {ReconcileAfter}.");
        return errors;
    }
}
