using System.Globalization;
using nietras.SeparatedValues;
using VoicePlatform.Common;
using VoicePlatform.Leads;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// A campaign's leads with their attempts as CSV, one row per attempt (a lead never dialed has one row with empty
/// attempt columns), written with Sep (fields with commas, quotes or line breaks quoted). Rows are produced a page of
/// leads at a time and flushed to the response after each page, so an export of a million leads streams in bounded
/// memory.
/// </summary>
public sealed class LeadExportCsv : IDisposable
{
    private readonly StringWriter _buffer = new(CultureInfo.InvariantCulture);
    private readonly SepWriter _writer;

    public LeadExportCsv() => _writer = Sep.New(',').Writer(o => o with { Escape = true }).To(_buffer);

    public void Add(LeadRecord lead)
    {
        if (lead.AttemptLog.Count == 0)
        {
            Row(lead, null);
            return;
        }
        foreach (var attempt in lead.AttemptLog) Row(lead, attempt);
    }

    /// <summary>What was written since the last call, and forgets it.</summary>
    public string TakeWritten()
    {
        var text = _buffer.GetStringBuilder().ToString();
        _buffer.GetStringBuilder().Clear();
        return text;
    }

    private void Row(LeadRecord lead, LeadAttempt? attempt)
    {
        using var row = _writer.NewRow();
        row["lead_id"].Set(lead.LeadId.Value);
        row["phone"].Set(lead.Phone);
        row["name"].Set(lead.Name ?? "");
        row["email"].Set(lead.Email ?? "");
        row["status"].Set(lead.Status.Kebab());
        row["status_reason"].Set(lead.StatusReason ?? "");
        row["disposition"].Set(lead.Disposition?.Kebab() ?? "");
        row["attempts"].Set(lead.Attempts.ToString(CultureInfo.InvariantCulture));
        row["next_callable_at"].Set(Time(lead.NextCallableAt));
        row["attempt"].Set(attempt?.Number.ToString(CultureInfo.InvariantCulture) ?? "");
        row["call_id"].Set(attempt?.CallId.Value ?? "");
        row["dialed_at"].Set(Time(attempt?.DialedAt));
        row["answered_at"].Set(Time(attempt?.AnsweredAt));
        row["ended_at"].Set(Time(attempt?.EndedAt));
        row["end_reason"].Set(attempt?.EndReason?.Kebab() ?? "");
        row["outcome"].Set(attempt?.Outcome ?? "");
        row["attempt_disposition"].Set(attempt?.Disposition?.Kebab() ?? "");
        row["decision"].Set(attempt?.Decision ?? "");
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture) ?? "";

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }
}
