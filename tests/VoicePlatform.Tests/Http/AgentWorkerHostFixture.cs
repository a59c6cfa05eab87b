namespace VoicePlatform.Tests.Http;

/// <summary>An ApiHost of its own whose embedded LiveKit emulator runs the scripted agent worker, as <c>dotnet run</c> does.</summary>
public sealed class AgentWorkerHostFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--LiveKitEmulator:AgentWorker:Enabled", "true"];
}

[CollectionDefinition(Name)]
public sealed class AgentWorkerHostCollection : ICollectionFixture<AgentWorkerHostFixture>
{
    public const string Name = "api host with the agent worker";
}
