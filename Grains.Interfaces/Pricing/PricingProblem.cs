namespace VoicePlatform.Pricing;

/// <summary>Why a tenant's call cannot be priced.</summary>
[GenerateSerializer, Alias("vp.PricingProblem")]
public enum PricingProblem
{
    /// <summary>The tenant does not exist.</summary>
    UnknownTenant = 0,
    /// <summary>The operator has published no price book for the tenant's currency.</summary>
    NoPriceBook = 1,
    /// <summary>The agent's STT, LLM or TTS has no rate, not even a wildcard, in the price book.</summary>
    UnpricedModel = 2,
    /// <summary>The agent does not exist in the tenant.</summary>
    UnknownAgent = 3,
}
