namespace VoicePlatform.Catalog;

/// <summary>Why the catalog accepted or refused a registration.</summary>
[GenerateSerializer, Alias("vp.CatalogCheck")]
public enum CatalogCheck
{
    Ok = 0,
    BrandMissing = 1,
    BrandArchived = 2,
    PersonaMissing = 3,
    /// <summary>The registration names a brand other than its persona's.</summary>
    BrandMismatch = 4,
}
