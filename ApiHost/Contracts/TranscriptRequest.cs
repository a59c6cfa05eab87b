using System.Text.RegularExpressions;
using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>Transcript segments from the agent worker; each carries the worker's own id, so a retry stores nothing twice.</summary>
public sealed partial record TranscriptRequest(List<TranscriptSegmentRequest>? Segments)
{
    public const int MaxSegments = 100;

    public Dictionary<string, string[]> Validate(out IReadOnlyList<TranscriptSegment> segments)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = new List<TranscriptSegment>();
        segments = valid;
        if (Segments is null || Segments.Count == 0) errors["segments"] = ["At least one segment is required."];
        else if (Segments.Count > MaxSegments) errors["segments"] = [$"At most {MaxSegments} segments per post."];
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Segments.Count; i++)
            {
                var field = $"segments[{i}]";
                var s = Segments[i];
                if (s is null)
                {
                    errors[field] = ["A segment is required."];
                    continue;
                }
                if (s.Id is null || !ReportId().IsMatch(s.Id)) errors[$"{field}.id"] = [$"Required: 1 to {TranscriptSegment.MaxIdLength} letters, digits, '.', '_', ':' or '-'."];
                else if (!ids.Add(s.Id)) errors[$"{field}.id"] = ["Repeated within this post."];
                if (s.Speaker is null) errors[$"{field}.speaker"] = ["Required: agent or callee."];
                Validation.Required(errors, $"{field}.text", s.Text, TranscriptSegment.MaxTextLength, multiline: true);
                if (s.StartMs is null or < 0) errors[$"{field}.startMs"] = ["Required: milliseconds from the answer, 0 or more."];
                if (s.EndMs is null || s.EndMs < s.StartMs) errors[$"{field}.endMs"] = ["Required: milliseconds from the answer, not before startMs."];
                if (errors.Count == 0)
                    valid.Add(new TranscriptSegment { Id = s.Id!, Speaker = s.Speaker!.Value, Text = s.Text!, StartMs = s.StartMs!.Value, EndMs = s.EndMs!.Value, Final = s.Final ?? false });
            }
        }
        return errors;
    }

    /// <summary>The ids agent workers choose for segments and reports.</summary>
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    internal static partial Regex ReportId();
}
