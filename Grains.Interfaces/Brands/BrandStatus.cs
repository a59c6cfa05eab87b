namespace VoicePlatform.Brands;

[GenerateSerializer, Alias("vp.BrandStatus")]
public enum BrandStatus
{
    Active = 0,
    /// <summary>Kept for history; no new personas, agents or campaigns may use it.</summary>
    Archived = 1,
}
