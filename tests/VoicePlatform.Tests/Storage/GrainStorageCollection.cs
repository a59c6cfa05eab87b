using Xunit;

namespace VoicePlatform.Tests.Storage;

/// <summary>Shares one silo (2–3 s to start) between the grain-storage test classes.</summary>
[CollectionDefinition(Name)]
public sealed class GrainStorageCollection : ICollectionFixture<GrainStorageClusterFixture>
{
    public const string Name = "Grain storage on PostgreSQL";
}
