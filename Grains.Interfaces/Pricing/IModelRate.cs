namespace VoicePlatform.Pricing;

/// <summary>A rate that applies to one AI provider and model; either may be <see cref="PricingRules.Wildcard"/>.</summary>
public interface IModelRate
{
    string Provider { get; }
    string Model { get; }
}
