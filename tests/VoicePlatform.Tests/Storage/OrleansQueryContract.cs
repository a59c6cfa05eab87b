namespace VoicePlatform.Tests.Storage;

/// <summary>
/// The parameters each Orleans 10.4.2 ADO.NET query key receives
/// (/work/shared/orleans/ADONET-CONTRACT.md §3–§5). A text may use fewer, never others.
/// </summary>
public static class OrleansQueryContract
{
    private static readonly string[] StorageIdentity =
        ["GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainIdExtensionString", "GrainTypeString", "GrainTypeHash", "ServiceId"];

    public static readonly IReadOnlyDictionary<string, string[]> MembershipKeys = new Dictionary<string, string[]>
    {
        ["InsertMembershipVersionKey"] = ["DeploymentId"],
        ["MembershipReadAllKey"] = ["DeploymentId"],
        ["MembershipReadRowKey"] = ["DeploymentId", "Address", "Port", "Generation"],
        ["InsertMembershipKey"] =
            ["DeploymentId", "Address", "Port", "Generation", "SiloName", "HostName", "Status", "ProxyPort", "StartTime", "IAmAliveTime", "Version"],
        ["UpdateMembershipKey"] =
            ["DeploymentId", "Address", "Port", "Generation", "Status", "SuspectTimes", "IAmAliveTime", "Version"],
        ["UpdateIAmAlivetimeKey"] = ["DeploymentId", "Address", "Port", "Generation", "IAmAliveTime"],
        ["GatewaysQueryKey"] = ["DeploymentId", "Status"],
        ["DeleteMembershipTableEntriesKey"] = ["DeploymentId"],
        ["CleanupDefunctSiloEntriesKey"] = ["DeploymentId", "IAmAliveTime"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> OptionalMembershipKeys = new Dictionary<string, string[]>
    {
        ["CleanupDefunctSiloEntryKey"] =
            ["DeploymentId", "Address", "Port", "Generation", "SuspectTimes", "StartTime", "IAmAliveTime"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> StorageKeys = new Dictionary<string, string[]>
    {
        ["ReadFromStorageKey"] = StorageIdentity,
        ["WriteToStorageKey"] = [.. StorageIdentity, "GrainStateVersion", "PayloadBinary"],
        ["ClearStorageKey"] = [.. StorageIdentity, "GrainStateVersion"],
        ["DeleteStorageKey"] = [.. StorageIdentity, "GrainStateVersion"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> ReminderKeys = new Dictionary<string, string[]>
    {
        ["UpsertReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName", "StartTime", "Period", "GrainHash"],
        ["ReadReminderRowsKey"] = ["ServiceId", "GrainId"],
        ["ReadReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName"],
        ["ReadRangeRows1Key"] = ["ServiceId", "BeginHash", "EndHash"],
        ["ReadRangeRows2Key"] = ["ServiceId", "BeginHash", "EndHash"],
        ["DeleteReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName", "Version"],
        ["DeleteReminderRowsKey"] = ["ServiceId"],
    };

    public static IEnumerable<KeyValuePair<string, string[]>> AllKeys =>
        MembershipKeys.Concat(OptionalMembershipKeys).Concat(StorageKeys).Concat(ReminderKeys);
}
