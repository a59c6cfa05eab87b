namespace VoicePlatform.Grains.Webhooks;

/// <summary>Deliveries are numbered by the store; the API shows them as <c>dlv_</c> and the number.</summary>
public static class DeliveryIds
{
    public const string Prefix = "dlv_";

    public static string Format(long id) => Prefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? value, out long id)
    {
        id = 0;
        return value is not null && value.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(value.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
