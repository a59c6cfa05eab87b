using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Agents;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Personas;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Personas;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Agents;

[GrainType("agent")]
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Platform)] IPersistentState<AgentState> state,
    TimeProvider time,
    IOptions<LiveKitOptions> liveKitOptions,
    ILogger<AgentGrain> logger,
    // Optional by design, as for calls: a silo without LiveKit settings has neither, and says so instead of pretending.
    LiveKitClient? liveKit = null,
    LiveKitAccessTokenMinter? minter = null) : Grain, IAgentGrain
{
    /// <summary>How long a tester's browser token is valid.</summary>
    public static readonly TimeSpan TestCallTokenLifetime = TimeSpan.FromMinutes(30);

    private (TenantId Tenant, AgentId Agent) Key => TenantScopedKey.Parse<AgentId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.Settings is not null;

    private ITenantCatalogGrain Catalog => GrainFactory.GetCatalog(Key.Tenant);

    public async Task<WriteResult<AgentView>> CreateAsync(PersonaId persona, AgentSettings settings)
    {
        AgentRules.EnsureValid(settings);
        if (Exists)
        {
            if (state.State.PersonaId != persona || state.State.Revision != 1 || !state.State.Settings!.SameAs(settings))
                return WriteResult<AgentView>.Conflict("This idempotency key already created a different agent.", []);
            await Catalog.RegisterAgentAsync(Entry(persona, state.State.BrandId!.Value, settings));
            return WriteResult<AgentView>.Ok(await ViewAsync());
        }

        var personaView = await GrainFactory.GetPersona(Key.Tenant, persona).GetAsync();
        if (personaView is null) return WriteResult<AgentView>.BadReference("personaId", "There is no such persona in this tenant.");

        // The brand is the persona's, read from the persona itself; the catalog re-checks the pair.
        var brand = personaView.BrandId;
        var check = await Catalog.RegisterAgentAsync(Entry(persona, brand, settings));
        if (check != CatalogCheck.Ok)
            return WriteResult<AgentView>.BadReference("personaId", check == CatalogCheck.PersonaMissing ? "There is no such persona in this tenant." : PersonaGrain.BrandProblem(check));

        var now = time.GetUtcNow();
        // Undo: a failed create leaves no catalog entry that would block its persona and brand.
        await state.WriteOrRevertAsync(
            new AgentState { PersonaId = persona, BrandId = brand, Settings = settings, Revision = 1, CreatedAt = now, UpdatedAt = now },
            () => Catalog.RemoveAgentAsync(Key.Agent));
        logger.LogInformation("Agent {AgentId} created from persona {PersonaId} in brand {BrandId} of tenant {TenantId}", Key.Agent, persona, brand, Key.Tenant);
        return WriteResult<AgentView>.Created(await ViewAsync());
    }

    public async Task<AgentView?> GetAsync() => Exists ? await ViewAsync() : null;

    public Task<bool> ExistsAsync() => Task.FromResult(Exists);

    public async Task<WriteResult<AgentView>> UpdateAsync(AgentSettings settings, int? expectedRevision)
    {
        if (!Exists) return WriteResult<AgentView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<AgentView>.Stale();
        AgentRules.EnsureValid(settings);
        var (persona, brand, previous) = (state.State.PersonaId!.Value, state.State.BrandId!.Value, state.State.Settings!);
        if (settings.SameAs(previous))
        {
            await Catalog.RegisterAgentAsync(Entry(persona, brand, previous));
            return WriteResult<AgentView>.Ok(await ViewAsync());
        }

        await Catalog.RegisterAgentAsync(Entry(persona, brand, settings));
        await state.WriteOrRevertAsync(
            state.State with { Settings = settings, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() },
            () => Catalog.RegisterAgentAsync(Entry(persona, brand, previous)));
        return WriteResult<AgentView>.Ok(await ViewAsync());
    }

    public async Task<WriteResult<AgentView>> DeleteAsync(int? expectedRevision)
    {
        if (!Exists) return WriteResult<AgentView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<AgentView>.Stale();
        var view = await ViewAsync();
        await Catalog.RemoveAgentAsync(Key.Agent);
        await state.ClearOrRevertAsync(() => Catalog.RegisterAgentAsync(Entry(state.State.PersonaId!.Value, state.State.BrandId!.Value, state.State.Settings!)));
        logger.LogInformation("Agent {AgentId} of tenant {TenantId} deleted", Key.Agent, Key.Tenant);
        return WriteResult<AgentView>.Ok(view);
    }

    public async Task<WriteResult<TestCallSession>> StartTestCallAsync()
    {
        if (!Exists) return WriteResult<TestCallSession>.NotFound();
        if (liveKit is null || minter is null)
            return WriteResult<TestCallSession>.Conflict("Telephony is not configured: set LiveKit:Url, LiveKit:ApiKey and LiveKit:ApiSecret.", []);

        var compiled = await CompileInstructionsAsync(new Dictionary<string, string>());
        // Not a call room (calls use CallRoomName), so the webhook receiver leaves test rooms alone.
        var room = $"vptest_{Key.Tenant.Value}_{Key.Agent.Value}_{RandomIds.Create(8)}";
        var identity = "tester-" + RandomIds.Create(8);
        var metadata = JsonSerializer.Serialize(new
        {
            tenantId = Key.Tenant.Value,
            agentId = Key.Agent.Value,
            test = true,
            instructions = compiled!.Instructions,
            greeting = compiled.Greeting,
        });
        await liveKit.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = room, EmptyTimeoutSeconds = 300, Metadata = metadata });
        var dispatch = await liveKit.CreateDispatchAsync(room, state.State.Settings!.LiveKitAgentName, metadata);
        var token = minter.ForParticipant(identity, room, canPublish: true, canSubscribe: true, TestCallTokenLifetime, name: "Tester");
        logger.LogInformation("Test call room {Room} opened for agent {AgentId} of tenant {TenantId}", room, Key.Agent, Key.Tenant);
        return WriteResult<TestCallSession>.Created(new TestCallSession
        {
            RoomName = room,
            LiveKitUrl = liveKitOptions.Value.WebSocketUrl(),
            ParticipantIdentity = identity,
            ParticipantToken = token,
            ExpiresAt = time.GetUtcNow() + TestCallTokenLifetime,
            DispatchId = dispatch.Id,
        });
    }

    public async Task<CompiledInstructions?> CompileInstructionsAsync(IReadOnlyDictionary<string, string> variables)
    {
        if (!Exists) return null;
        var persona = GrainFactory.GetPersona(Key.Tenant, state.State.PersonaId!.Value).GetAsync();
        var brand = GrainFactory.GetBrand(Key.Tenant, state.State.BrandId!.Value).GetAsync();
        var (personaView, brandView) = (await persona, await brand);
        if (personaView is null || brandView is null)
            throw new InvalidOperationException($"Agent {Key.Agent} lost its persona or brand.");
        return InstructionCompiler.Compile(brandView.Profile, personaView.Profile, state.State.Settings!, variables);
    }

    public async Task<AgentForCall?> GetForCallAsync(IReadOnlyDictionary<string, string> variables)
    {
        if (!Exists) return null;
        var view = ViewAsync();
        var instructions = CompileInstructionsAsync(variables);
        return new AgentForCall { Agent = await view, Instructions = (await instructions)! };
    }

    private AgentEntry Entry(PersonaId persona, VoicePlatform.Brands.BrandId brand, AgentSettings settings) => new()
    {
        Id = Key.Agent,
        Name = settings.Name,
        PersonaId = persona,
        BrandId = brand,
        Status = settings.Status,
        Direction = settings.Direction,
    };

    private async Task<AgentView> ViewAsync()
    {
        var brand = state.State.BrandId!.Value;
        return new AgentView
        {
            Id = Key.Agent,
            PersonaId = state.State.PersonaId!.Value,
            Brand = await Catalog.GetBrandBadgeAsync(brand) ?? new BrandBadge { Id = brand, Name = "(unknown brand)" },
            Settings = state.State.Settings!,
            Revision = state.State.Revision,
            CreatedAt = state.State.CreatedAt,
            UpdatedAt = state.State.UpdatedAt,
        };
    }
}
