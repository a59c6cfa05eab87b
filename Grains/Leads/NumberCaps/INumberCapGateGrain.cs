using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads.NumberCaps;

/// <summary>
/// One per tenant and capped number (Florida's three in 24 hours counts every campaign of the tenant): the checks of
/// the number's claims run one at a time here, so of two campaigns claiming it at once exactly one is told to dial
/// when only one more dial is allowed — never both (over the cap), and never neither (a lead left waiting a day).
/// </summary>
[Alias("vp.INumberCapGateGrain")]
public interface INumberCapGateGrain : IGrainWithStringKey
{
    /// <summary>Called by a lead after its claim is written, so every later check sees that claim.</summary>
    Task<NumberCapVerdict> CheckAsync(NumberCapCheck check);
}

public static class GrainFactoryNumberCapExtensions
{
    public static INumberCapGateGrain GetNumberCapGate(this IGrainFactory grains, TenantId tenant, string e164) =>
        grains.GetGrain<INumberCapGateGrain>($"{tenant.Value}/{e164}");
}
