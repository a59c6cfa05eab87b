namespace VoicePlatform.Leads;

/// <summary>
/// Where an import job is: its list still arriving, waiting to be read, being read part by part, done, or stopped
/// (the campaign ended or was deleted, or the upload never finished).
/// </summary>
public enum LeadImportStatus
{
    Receiving,
    Queued,
    Processing,
    Completed,
    Failed,
}
