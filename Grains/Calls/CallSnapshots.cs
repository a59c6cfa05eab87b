using VoicePlatform.Calls;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// A call's state as the API shows it (<see cref="CallView"/>) and as the call-record store lists it
/// (<see cref="CallRecord"/>); both only for a call that exists.
/// </summary>
public static class CallSnapshots
{
    public static CallView ToView(this CallState call, CallId id)
    {
        var request = call.Request ?? throw new InvalidOperationException($"Call {id} does not exist.");
        var p = call.Progress;
        return new CallView
        {
            Id = id,
            AgentId = request.AgentId,
            BrandId = call.BrandId,
            To = request.To,
            From = call.From,
            FromNumberId = call.FromNumberId,
            TrunkId = call.TrunkId,
            Status = p.Status,
            EndReason = p.EndReason,
            EndDetail = p.EndDetail,
            SipStatusCode = p.SipStatusCode,
            DisconnectReason = p.DisconnectReason,
            RoomName = call.RoomName,
            QueuedAt = p.QueuedAt,
            DialingAt = p.DialingAt,
            RingingAt = p.RingingAt,
            AnsweredAt = p.AnsweredAt,
            EndedAt = p.EndedAt,
            CampaignId = request.CampaignId,
            LeadId = request.LeadId,
            AnsweredBy = call.AnsweredBy,
            Outcome = call.Outcome,
            Usage = UsageTotals.Sum(call.UsageReports),
            TransferredTo = call.TransferTo,
            Recording = call.Recording,
            NeverDialed = call.NeverDialed,
            AgentJoinedAt = p.AgentJoinedAt,
            Abandoned = p.IsEnded && CallLifecycle.IsAbandoned(p, call.AnsweredBy),
            TakenOverBy = call.TakenOverBy,
            TakenOverAt = call.TakenOverAt,
            EstimatedPerMinute = call.Quote?.EstimatedPerMinute,
            Direction = call.Direction,
            SipCallId = call.SipCallId,
            Currency = call.Quote?.Currency,
        };
    }

    public static CallRecord ToRecord(this CallState call, TenantId tenant, CallId id)
    {
        var request = call.Request ?? throw new InvalidOperationException($"Call {id} does not exist.");
        var p = call.Progress;
        return new CallRecord
        {
            TenantId = tenant,
            CallId = id,
            Revision = call.Revision,
            AgentId = request.AgentId,
            BrandId = call.BrandId,
            CampaignId = request.CampaignId,
            LeadId = request.LeadId,
            To = request.To,
            From = call.From,
            Status = p.Status,
            EndReason = p.EndReason,
            AnsweredBy = call.AnsweredBy,
            Disposition = call.Outcome?.Disposition,
            SipStatusCode = p.SipStatusCode,
            QueuedAt = p.QueuedAt,
            AnsweredAt = p.AnsweredAt,
            EndedAt = p.EndedAt,
            Settled = call.Billing.Settled,
            BilledSeconds = call.Billing.BilledSeconds,
            CostTotal = call.Billing.Cost?.Total,
            Currency = call.Quote?.Currency,
            Abandoned = p.IsEnded && CallLifecycle.IsAbandoned(p, call.AnsweredBy),
            TakenOverBy = call.TakenOverBy,
            Direction = call.Direction,
        };
    }
}
