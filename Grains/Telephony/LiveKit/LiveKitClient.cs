using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// LiveKit's server API over Twirp JSON (<c>POST /twirp/livekit.&lt;Service&gt;/&lt;Method&gt;</c>), each call
/// signed with a fresh token carrying only the grants it needs. Register as a typed client
/// (<c>AddHttpClient&lt;LiveKitClient&gt;()</c>); leave the HttpClient's own timeout at least as long as the
/// longest dial, because this client applies its own per-attempt timeouts.
/// </summary>
public sealed class LiveKitClient
{
    private readonly HttpClient _http;
    private readonly LiveKitOptions _options;
    private readonly Uri _baseAddress;
    private readonly LiveKitAccessTokenMinter _tokens;
    private readonly LiveKitRetryPolicy _retry;
    private readonly ILogger<LiveKitClient> _logger;

    public LiveKitClient(HttpClient http, IOptions<LiveKitOptions> options, TimeProvider time, ILogger<LiveKitClient> logger)
    {
        _http = http;
        _options = options.Value;
        var errors = _options.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(LiveKitOptions.SectionName, typeof(LiveKitOptions), errors);
        _baseAddress = _options.HttpBaseAddress();
        _tokens = new LiveKitAccessTokenMinter(options, time);
        _retry = LiveKitRetryPolicy.Create(_options, time);
        _logger = logger;
    }

    // ---- RoomService ----

    /// <summary>Creates the room, or returns it if it already exists; safe to retry.</summary>
    public Task<LiveKitRoom> CreateRoomAsync(LiveKitCreateRoomRequest request, CancellationToken cancellationToken = default) =>
        CallAsync<LiveKitRoom>("RoomService", "CreateRoom", request, new LiveKitVideoGrant { RoomCreate = true }, null,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);

    /// <summary>Deletes the room; its participants leave with ROOM_DELETED.</summary>
    public Task DeleteRoomAsync(string room, CancellationToken cancellationToken = default) =>
        CallAsync<Empty>("RoomService", "DeleteRoom", new { room }, new LiveKitVideoGrant { RoomCreate = true }, null,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);

    public async Task<IReadOnlyList<LiveKitRoom>> ListRoomsAsync(IReadOnlyList<string>? names = null, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<RoomList>("RoomService", "ListRooms", new { names }, new LiveKitVideoGrant { RoomList = true }, null,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
        return reply.Rooms;
    }

    public async Task<IReadOnlyList<LiveKitParticipantInfo>> ListParticipantsAsync(string room, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<ParticipantList>("RoomService", "ListParticipants", new { room }, RoomAdmin(room), null,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
        return reply.Participants;
    }

    /// <summary>Removes the participant (it leaves with PARTICIPANT_REMOVED); a SIP participant's call is hung up.</summary>
    public Task RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken = default) =>
        CallAsync<Empty>("RoomService", "RemoveParticipant", new { room, identity }, RoomAdmin(room), null,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);

    /// <summary>Sends a data packet; not repeated after it may have been delivered (receivers would see it twice).</summary>
    public Task SendDataAsync(
        string room,
        byte[] data,
        string? topic = null,
        IReadOnlyList<string>? destinationIdentities = null,
        bool reliable = true,
        CancellationToken cancellationToken = default) =>
        CallAsync<Empty>("RoomService", "SendData",
            new { room, data, kind = reliable ? "RELIABLE" : "LOSSY", destinationIdentities, topic },
            RoomAdmin(room), null, LiveKitRetryMode.OnlyIfNotSent, _options.RequestTimeout, cancellationToken);

    /// <summary>
    /// Replaces the participant's permission (LiveKit replaces every flag: a flag left false is revoked, hidden
    /// included). Safe to repeat: the same permission twice is the same state.
    /// </summary>
    public Task<LiveKitParticipantInfo> UpdateParticipantPermissionAsync(string room, string identity, LiveKitParticipantPermission permission,
        CancellationToken cancellationToken = default) =>
        CallAsync<LiveKitParticipantInfo>("RoomService", "UpdateParticipant", new { room, identity, permission }, RoomAdmin(room), null,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);

    /// <summary>
    /// Performs an RPC on one participant (<c>RoomService/PerformRpc</c>) and returns its answer. Never repeated once
    /// sent: the participant may have acted on it. A participant that does not answer within
    /// <paramref name="responseTimeout"/> is LiveKit's <c>canceled</c>; one that never registered the method,
    /// <c>invalid_argument</c>.
    /// </summary>
    public async Task<string> PerformRpcAsync(string room, string destinationIdentity, string method, string payload, TimeSpan responseTimeout,
        CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<RpcReply>("RoomService", "PerformRpc",
            new { room, destinationIdentity, method, payload, responseTimeoutMs = (long)responseTimeout.TotalMilliseconds },
            RoomAdmin(room), null, LiveKitRetryMode.OnlyIfNotSent, responseTimeout + _options.RequestTimeout, cancellationToken);
        return reply.Payload;
    }

    private sealed record RpcReply
    {
        public string Payload { get; init; } = "";
    }

    public Task<LiveKitRoom> UpdateRoomMetadataAsync(string room, string metadata, CancellationToken cancellationToken = default) =>
        CallAsync<LiveKitRoom>("RoomService", "UpdateRoomMetadata", new { room, metadata }, RoomAdmin(room), null,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);

    // ---- SIP ----

    /// <summary>
    /// Dials a number into a room. Never retried automatically: a timeout or a 5xx can arrive after LiveKit
    /// already sent the INVITE, and a second attempt would ring the callee twice. The caller decides, e.g.
    /// by looking for the participant with <see cref="ListParticipantsAsync"/> first.
    /// </summary>
    public Task<LiveKitSipParticipantInfo> CreateSipParticipantAsync(
        LiveKitCreateSipParticipantRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SipCallTo);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RoomName);
        // With wait_until_answered the call lasts as long as the ringing (the server allows up to 80 s).
        var timeout = request.WaitUntilAnswered == true
            ? Max(_options.RequestTimeout, (request.RingingTimeout ?? TimeSpan.FromSeconds(30)) + TimeSpan.FromSeconds(10))
            : _options.RequestTimeout;
        return CallAsync<LiveKitSipParticipantInfo>("SIP", "CreateSIPParticipant", request, null, new LiveKitSipGrant { Call = true },
            LiveKitRetryMode.Never, timeout, cancellationToken);
    }

    /// <summary>Transfers a SIP participant's call; never retried automatically, for the same reason as dialling.</summary>
    public Task<LiveKitSipTransferResult> TransferSipParticipantAsync(
        LiveKitTransferSipParticipantRequest request,
        CancellationToken cancellationToken = default)
    {
        var timeout = Max(_options.RequestTimeout, (request.RingingTimeout ?? TimeSpan.FromSeconds(30)) + TimeSpan.FromSeconds(10));
        return CallAsync<LiveKitSipTransferResult>("SIP", "TransferSIPParticipant", request, RoomAdmin(request.RoomName),
            new LiveKitSipGrant { Call = true }, LiveKitRetryMode.Never, timeout, cancellationToken);
    }

    /// <summary>Creates an outbound trunk; repeated only if the request never left (a repeat would create a second trunk).</summary>
    public Task<LiveKitSipOutboundTrunk> CreateSipOutboundTrunkAsync(LiveKitSipOutboundTrunk trunk, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(trunk.SipTrunkId)) throw new ArgumentException("LiveKit assigns the trunk id; leave SipTrunkId empty.", nameof(trunk));
        return CallAsync<LiveKitSipOutboundTrunk>("SIP", "CreateSIPOutboundTrunk", new { trunk }, null, SipAdmin,
            LiveKitRetryMode.OnlyIfNotSent, _options.RequestTimeout, cancellationToken);
    }

    public async Task<IReadOnlyList<LiveKitSipOutboundTrunk>> ListSipOutboundTrunksAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<ItemList<LiveKitSipOutboundTrunk>>("SIP", "ListSIPOutboundTrunk", new { }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
        return reply.Items;
    }

    /// <summary>The outbound trunk; LiveKit's <c>not_found</c> when there is none (an inbound trunk's id is none either).</summary>
    public async Task<LiveKitSipOutboundTrunk> GetSipOutboundTrunkAsync(string sipTrunkId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipTrunkId);
        var reply = await CallAsync<TrunkReply<LiveKitSipOutboundTrunk>>("SIP", "GetSIPOutboundTrunk", new { sipTrunkId }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
        return reply.Trunk ?? throw new LiveKitTwirpException("not_found", "requested sip trunk does not exist", 404);
    }

    /// <summary>Replaces the outbound trunk with <paramref name="trunk"/> (its id is taken from <paramref name="sipTrunkId"/>); safe to repeat.</summary>
    public Task<LiveKitSipOutboundTrunk> ReplaceSipOutboundTrunkAsync(string sipTrunkId, LiveKitSipOutboundTrunk trunk, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipTrunkId);
        return CallAsync<LiveKitSipOutboundTrunk>("SIP", "UpdateSIPOutboundTrunk", new { sipTrunkId, replace = trunk with { SipTrunkId = null } }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
    }

    /// <summary>Creates an inbound trunk; repeated only if the request never left (a repeat would create a second trunk).</summary>
    public Task<LiveKitSipInboundTrunk> CreateSipInboundTrunkAsync(LiveKitSipInboundTrunk trunk, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(trunk.SipTrunkId)) throw new ArgumentException("LiveKit assigns the trunk id; leave SipTrunkId empty.", nameof(trunk));
        return CallAsync<LiveKitSipInboundTrunk>("SIP", "CreateSIPInboundTrunk", new { trunk }, null, SipAdmin,
            LiveKitRetryMode.OnlyIfNotSent, _options.RequestTimeout, cancellationToken);
    }

    /// <summary>The inbound trunk; LiveKit's <c>not_found</c> when there is none (an outbound trunk's id is none either).</summary>
    public async Task<LiveKitSipInboundTrunk> GetSipInboundTrunkAsync(string sipTrunkId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipTrunkId);
        var reply = await CallAsync<TrunkReply<LiveKitSipInboundTrunk>>("SIP", "GetSIPInboundTrunk", new { sipTrunkId }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
        return reply.Trunk ?? throw new LiveKitTwirpException("not_found", "requested sip trunk does not exist", 404);
    }

    public async Task<IReadOnlyList<LiveKitSipInboundTrunk>> ListSipInboundTrunksAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<ItemList<LiveKitSipInboundTrunk>>("SIP", "ListSIPInboundTrunk", new { }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
        return reply.Items;
    }

    /// <summary>Replaces the inbound trunk with <paramref name="trunk"/> (its id is taken from <paramref name="sipTrunkId"/>); safe to repeat.</summary>
    public Task<LiveKitSipInboundTrunk> ReplaceSipInboundTrunkAsync(string sipTrunkId, LiveKitSipInboundTrunk trunk, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipTrunkId);
        return CallAsync<LiveKitSipInboundTrunk>("SIP", "UpdateSIPInboundTrunk", new { sipTrunkId, replace = trunk with { SipTrunkId = null } }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
    }

    /// <summary>Deletes an inbound or outbound trunk. LiveKit answers success for an id it does not know, so a repeat is harmless.</summary>
    public Task DeleteSipTrunkAsync(string sipTrunkId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipTrunkId);
        return CallAsync<Empty>("SIP", "DeleteSIPTrunk", new { sipTrunkId }, null, SipAdmin, LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
    }

    /// <summary>Creates a dispatch rule; repeated only if the request never left (a repeat would conflict with the first).</summary>
    public Task<LiveKitSipDispatchRule> CreateSipDispatchRuleAsync(LiveKitSipDispatchRule rule, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(rule.SipDispatchRuleId)) throw new ArgumentException("LiveKit assigns the rule id; leave SipDispatchRuleId empty.", nameof(rule));
        return CallAsync<LiveKitSipDispatchRule>("SIP", "CreateSIPDispatchRule", new { dispatchRule = rule }, null, SipAdmin,
            LiveKitRetryMode.OnlyIfNotSent, _options.RequestTimeout, cancellationToken);
    }

    /// <summary>Replaces the rule with <paramref name="rule"/> (its id is taken from <paramref name="sipDispatchRuleId"/>); safe to repeat.</summary>
    public Task<LiveKitSipDispatchRule> ReplaceSipDispatchRuleAsync(string sipDispatchRuleId, LiveKitSipDispatchRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipDispatchRuleId);
        return CallAsync<LiveKitSipDispatchRule>("SIP", "UpdateSIPDispatchRule", new { sipDispatchRuleId, replace = rule with { SipDispatchRuleId = null } }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
    }

    public async Task<IReadOnlyList<LiveKitSipDispatchRule>> ListSipDispatchRulesAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<ItemList<LiveKitSipDispatchRule>>("SIP", "ListSIPDispatchRule", new { }, null, SipAdmin,
            LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
        return reply.Items;
    }

    /// <summary>Deletes the rule; an unknown id is LiveKit's <c>not_found</c>, which the caller may take as already deleted.</summary>
    public Task DeleteSipDispatchRuleAsync(string sipDispatchRuleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sipDispatchRuleId);
        return CallAsync<Empty>("SIP", "DeleteSIPDispatchRule", new { sipDispatchRuleId }, null, SipAdmin, LiveKitRetryMode.Safe, _options.RequestTimeout, cancellationToken);
    }

    private static LiveKitSipGrant SipAdmin => new() { Admin = true };

    // ---- AgentDispatchService ----

    /// <summary>
    /// Dispatches <paramref name="agentName"/> to the room with JSON <paramref name="metadata"/>. Repeated only when the
    /// request never left: a second dispatch would start a second agent in the call.
    /// </summary>
    public Task<LiveKitAgentDispatch> CreateDispatchAsync(
        string room,
        string agentName,
        string? metadata = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(room);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentName);
        if (!string.IsNullOrEmpty(metadata)) EnsureJson(metadata, nameof(metadata));
        return CallAsync<LiveKitAgentDispatch>("AgentDispatchService", "CreateDispatch", new { agentName, room, metadata },
            RoomAdmin(room), null, LiveKitRetryMode.OnlyIfNotSent, _options.RequestTimeout, cancellationToken);
    }

    // ---- Egress ----

    /// <summary>Starts an audio-only room-composite recording; repeated only if the request never left.</summary>
    public Task<LiveKitEgressInfo> StartRoomCompositeEgressAsync(LiveKitAudioEgressRequest request, CancellationToken cancellationToken = default)
    {
        var body = new
        {
            roomName = request.RoomName,
            audioOnly = true,
            audioMixing = request.AudioMixing,
            fileOutputs = new[] { new { fileType = request.FileType, filepath = request.Filepath } },
        };
        return CallAsync<LiveKitEgressInfo>("Egress", "StartRoomCompositeEgress", body, new LiveKitVideoGrant { RoomRecord = true }, null,
            LiveKitRetryMode.OnlyIfNotSent, _options.RequestTimeout, cancellationToken);
    }

    // ---- Transport ----

    private Task<T> CallAsync<T>(
        string service,
        string method,
        object body,
        LiveKitVideoGrant? video,
        LiveKitSipGrant? sip,
        LiveKitRetryMode mode,
        TimeSpan timeout,
        CancellationToken cancellationToken) where T : class
    {
        var uri = new Uri(_baseAddress, $"twirp/livekit.{service}/{method}");
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), LiveKitJson.Requests);
        return _retry.ExecuteAsync(mode, async ct =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = "error";
            using var span = PlatformActivities.Source.StartActivity($"livekit {service}/{method}", System.Diagnostics.ActivityKind.Client);
            span?.SetTag("rpc.system", "twirp").SetTag("rpc.service", $"livekit.{service}").SetTag("rpc.method", method);
            try
            {
                var reply = await SendOnceAsync<T>(uri, payload, _tokens.ForServerApi(video, sip), timeout, ct);
                outcome = "ok";
                return reply;
            }
            catch (LiveKitTwirpException error)
            {
                outcome = error.Code;
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error.Code);
                // not_found is an answer more than a failure (closing a room LiveKit already closed is every call's
                // ending): the caller decides what it means and logs it if it matters.
                _logger.Log(error.Code == "not_found" ? LogLevel.Debug : LogLevel.Warning,
                    "LiveKit {Service}/{Method} failed with {TwirpCode} (HTTP {HttpStatus}): {TwirpMessage}",
                    service, method, error.Code, error.HttpStatus, error.Message);
                throw;
            }
            finally
            {
                LiveKitMetrics.Request(method, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        }, cancellationToken);
    }

    private async Task<T> SendOnceAsync<T>(Uri uri, byte[] payload, string token, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(attempt.Token);
            if (!response.IsSuccessStatusCode) throw LiveKitTwirpException.FromResponse(response.StatusCode, bytes);
            try
            {
                return LiveKitJson.Read<T>(bytes);
            }
            catch (JsonException e)
            {
                throw new LiveKitTwirpException("internal", $"LiveKit answered {uri.AbsolutePath} with a body that is not the expected JSON.",
                    (int)response.StatusCode, innerException: e);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LiveKitTwirpException("deadline_exceeded", $"LiveKit did not answer {uri.AbsolutePath} within {timeout}.", null, innerException: e);
        }
        catch (HttpRequestException e)
        {
            // Only a failure to connect proves that LiveKit never saw the request.
            var notSent = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
            throw new LiveKitTwirpException("unavailable", $"LiveKit {uri.AbsolutePath} failed: {e.Message}", null,
                requestNotSent: notSent, innerException: e);
        }
    }

    private static LiveKitVideoGrant RoomAdmin(string room) => new() { RoomAdmin = true, Room = room };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void EnsureJson(string text, string parameter)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ArgumentException("Dispatch metadata must be JSON text.", parameter, e);
        }
    }

    private sealed record Empty;

    private sealed record RoomList(IReadOnlyList<LiveKitRoom> Rooms)
    {
        public RoomList() : this([]) { }
    }

    private sealed record ParticipantList(IReadOnlyList<LiveKitParticipantInfo> Participants)
    {
        public ParticipantList() : this([]) { }
    }

    private sealed record ItemList<T>(IReadOnlyList<T> Items)
    {
        public ItemList() : this([]) { }
    }

    private sealed record TrunkReply<T>(T? Trunk) where T : class
    {
        public TrunkReply() : this(default(T)) { }
    }
}
