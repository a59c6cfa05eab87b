using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// A usage report: its id is the worker's, so a retry adds nothing. Each item names a kind, provider and model and
/// fills only the quantities of its kind (STT audio milliseconds; LLM input and output tokens; TTS characters).
/// </summary>
public sealed record UsageRequest(string? Id, List<UsageItemRequest>? Items)
{
    public const int MaxNameLength = 100;

    public Dictionary<string, string[]> Validate(out UsageReport report)
    {
        var errors = new Dictionary<string, string[]>();
        report = null!;
        if (Id is null || !TranscriptRequest.ReportId().IsMatch(Id)) errors["id"] = [$"Required: 1 to {UsageReport.MaxIdLength} letters, digits, '.', '_', ':' or '-'."];
        var items = new List<UsageItem>();
        if (Items is null || Items.Count == 0) errors["items"] = ["At least one item is required."];
        else if (Items.Count > UsageReport.MaxItems) errors["items"] = [$"At most {UsageReport.MaxItems} items."];
        else
        {
            for (var i = 0; i < Items.Count; i++)
            {
                var field = $"items[{i}]";
                var item = Items[i];
                if (item is null)
                {
                    errors[field] = ["An item is required."];
                    continue;
                }
                if (item.Kind is null) errors[$"{field}.kind"] = ["Required: stt, llm or tts."];
                Validation.Required(errors, $"{field}.provider", item.Provider, MaxNameLength);
                Validation.Required(errors, $"{field}.model", item.Model, MaxNameLength);
                CheckQuantity(errors, $"{field}.audioMs", item.AudioMs, item.Kind == UsageKind.Stt);
                CheckQuantity(errors, $"{field}.inputTokens", item.InputTokens, item.Kind == UsageKind.Llm);
                CheckQuantity(errors, $"{field}.outputTokens", item.OutputTokens, item.Kind == UsageKind.Llm);
                CheckQuantity(errors, $"{field}.characters", item.Characters, item.Kind == UsageKind.Tts);
                if (errors.Count == 0)
                {
                    items.Add(new UsageItem
                    {
                        Kind = item.Kind!.Value,
                        Provider = item.Provider!,
                        Model = item.Model!,
                        AudioMs = item.AudioMs ?? 0,
                        InputTokens = item.InputTokens ?? 0,
                        OutputTokens = item.OutputTokens ?? 0,
                        Characters = item.Characters ?? 0,
                    });
                }
            }
        }
        if (errors.Count == 0) report = new UsageReport { Id = Id!, Items = items };
        return errors;
    }

    private static void CheckQuantity(Dictionary<string, string[]> errors, string field, long? value, bool belongsToKind)
    {
        if (value is < 0) errors[field] = ["Must be 0 or more."];
        else if (!belongsToKind && value is > 0) errors[field] = ["Not a quantity of this item's kind."];
    }
}
