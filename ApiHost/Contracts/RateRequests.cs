namespace VoicePlatform.ApiHost.Contracts;

/// <summary>Reading the rate lists of price-book and override requests, naming each missing value by its JSON path.</summary>
public static class RateRequests
{
    public static long Required(long? value, string field, IDictionary<string, string[]> errors)
    {
        if (value is null) errors[field] = ["Required: millionths of the currency."];
        return value ?? 0;
    }

    /// <summary>
    /// The entries converted, position for position so that later checks name the right index; a null entry stays
    /// null for <see cref="Pricing.PricingRules"/> to report (the request is then refused and the list never used).
    /// </summary>
    public static IReadOnlyList<T> List<TRequest, T>(IReadOnlyList<TRequest?>? entries, string field, IDictionary<string, string[]> errors,
        Func<TRequest, string, IDictionary<string, string[]>, T> convert) where TRequest : class where T : class =>
        entries?.Select((entry, i) => entry is null ? null! : convert(entry, $"{field}[{i}]", errors)).ToList() ?? [];
}
