using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Campaigns;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads.Imports;

/// <summary>
/// A large lead list imported in the background. The upload's parts are stored before each is acknowledged; sealing
/// queues the job. While it has parts to read, a grain timer reads one part per tick through the campaign's own import
/// (the same parsing, do-not-call, consent and calling-time rules as a small import) and stores the tally after each;
/// a reminder brings the job back after a lost silo and ends an upload that never finished. When the last part is
/// read, the parts are deleted and the campaign's leads are counted by status once.
/// </summary>
/// <remarks>
/// A silo lost between a part's import and the tally's write reads that part again: its leads are already in the
/// campaign, so nothing is added twice, and the repeat is counted under <see cref="LeadImportJob.AlreadyInCampaign"/>.
/// </remarks>
[GrainType("lead-import")]
public sealed class LeadImportGrain(
    [PersistentState("lead-import", StorageNames.Platform)] IPersistentState<LeadImportState> state,
    ILeadUploadStore parts,
    TimeProvider time,
    IOptions<CampaignDialingOptions> reminders,
    ILogger<LeadImportGrain> logger) : Grain, ILeadImportGrain, IRemindable
{
    public const string Reminder = "lead-import";

    /// <summary>An upload not sealed by then is given up and its parts deleted.</summary>
    public static readonly TimeSpan UploadTimeout = TimeSpan.FromHours(1);

    private (TenantId Tenant, LeadImportId Import)? _key;
    private IGrainTimer? _reader;
    private int _partsReceived;

    private (TenantId Tenant, LeadImportId Import) Key => _key ??= TenantScopedKey.Parse<LeadImportId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.CampaignId is not null;

    private ICampaignGrain Campaign => GrainFactory.GetCampaign(Key.Tenant, state.State.CampaignId!.Value);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status is LeadImportStatus.Queued or LeadImportStatus.Processing) StartReading();
        return Task.CompletedTask;
    }

    public async Task<WriteResult<LeadImportJob>> AppendAsync(CampaignId campaign, LeadUploadPart part)
    {
        if (Exists && state.State.CampaignId != campaign) return WriteResult<LeadImportJob>.NotFound();
        if (Exists && state.State.Status != LeadImportStatus.Receiving) return WriteResult<LeadImportJob>.Ok(View());
        if (!Exists)
        {
            if (part.Sequence != 0) return WriteResult<LeadImportJob>.BadReference("file", "The upload's first part never arrived.");
            if (await CheckFirstPartAsync(campaign, part) is { } problem) return problem;
            await state.WriteOrRevertAsync(new LeadImportState { CampaignId = campaign, Status = LeadImportStatus.Receiving, CreatedAt = time.GetUtcNow() });
            // The campaigns' reminder period: a lost silo's jobs resume on a survivor within failure detection plus this.
            await this.RegisterOrUpdateReminder(Reminder, reminders.Value.ReminderPeriod, reminders.Value.ReminderPeriod);
            logger.LogInformation("Lead import {ImportId} into campaign {CampaignId} of tenant {TenantId} opened", Key.Import, campaign, Key.Tenant);
        }
        await parts.PutAsync(Key.Tenant, Key.Import, part);
        _partsReceived = Math.Max(_partsReceived, part.Sequence + 1);
        return WriteResult<LeadImportJob>.Ok(View());
    }

    public async Task<WriteResult<LeadImportJob>> SealAsync(CampaignId campaign, int partCount)
    {
        if (!Exists || state.State.CampaignId != campaign) return WriteResult<LeadImportJob>.NotFound();
        if (state.State.Status != LeadImportStatus.Receiving) return WriteResult<LeadImportJob>.Ok(View());
        var (stored, rows) = await parts.CountAsync(Key.Tenant, Key.Import, partCount);
        if (stored != partCount) return WriteResult<LeadImportJob>.BadReference("file", $"{partCount - stored} of the upload's {partCount} parts never arrived; send the list again.");
        await state.WriteOrRevertAsync(state.State with { Status = LeadImportStatus.Queued, Parts = partCount, RowsReceived = rows });
        logger.LogInformation("Lead import {ImportId} queued: {Parts} parts, {Rows} rows", Key.Import, partCount, rows);
        StartReading();
        return WriteResult<LeadImportJob>.Ok(View());
    }

    public Task<WriteResult<LeadImportJob>> GetAsync(CampaignId campaign) =>
        Task.FromResult(Exists && state.State.CampaignId == campaign ? WriteResult<LeadImportJob>.Ok(View()) : WriteResult<LeadImportJob>.NotFound());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Reminder) return;
        if (!Exists || state.State.Status is LeadImportStatus.Completed or LeadImportStatus.Failed) await StopReminderAsync();
        else if (state.State.Status == LeadImportStatus.Receiving && time.GetUtcNow() - state.State.CreatedAt > UploadTimeout)
            await FailAsync($"The upload was not finished within {UploadTimeout.TotalMinutes:0} minutes.");
        else if (state.State.Status != LeadImportStatus.Receiving) StartReading();
    }

    /// <summary>The campaign must exist and take leads, and a CSV list's header must be readable, before anything is kept.</summary>
    private async Task<WriteResult<LeadImportJob>?> CheckFirstPartAsync(CampaignId campaign, LeadUploadPart first)
    {
        if (await GrainFactory.GetCampaign(Key.Tenant, campaign).GetAsync() is not { } view) return WriteResult<LeadImportJob>.NotFound();
        if (view.Status is CampaignStatus.Completed or CampaignStatus.Cancelled)
            return WriteResult<LeadImportJob>.Conflict($"The campaign is {view.Status.ToString().ToLowerInvariant()}: it takes no more leads.", []);
        if (first.Source.Csv is not { } csv) return null;
        var problems = LeadListParser.HeaderProblems(csv);
        return problems.Count > 0 ? WriteResult<LeadImportJob>.BadReference("file", string.Join(" ", problems.Select(p => $"{p.Field}: {p.Reason}"))) : null;
    }

    private void StartReading() =>
        // One part per tick, the next tick only after this one's part is stored: ticks never overlap.
        _reader ??= this.RegisterGrainTimer(ReadNextPartAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero, Period = TimeSpan.FromMilliseconds(1), KeepAlive = true,
        });

    private async Task ReadNextPartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (state.State.PartsProcessed >= state.State.Parts)
            {
                await CompleteAsync();
                return;
            }
            var sequence = state.State.PartsProcessed;
            var part = await parts.GetAsync(Key.Tenant, Key.Import, sequence, cancellationToken);
            if (part is null)
            {
                await FailAsync($"Part {sequence} of the list is missing.");
                return;
            }
            var result = await Campaign.ImportLeadPartAsync(part.Source);
            if (result.Outcome != WriteOutcome.Ok)
            {
                await FailAsync(result.Outcome == WriteOutcome.NotFound ? "The campaign was deleted." : result.Detail ?? "The campaign refused the leads.");
                return;
            }
            await state.WriteOrRevertAsync(state.State with
            {
                Status = LeadImportStatus.Processing, PartsProcessed = sequence + 1, Tally = state.State.Tally.Add(result.Value!, part.RowOffset),
            });
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A database or cluster hiccup: stop ticking; the reminder starts the reader again within a minute.
            logger.LogWarning(failure, "Lead import {ImportId} stopped at part {Part}; the reminder resumes it", Key.Import, state.State.PartsProcessed);
            StopReading();
        }
    }

    private async Task CompleteAsync()
    {
        var byStatus = await Campaign.CountLeadsAsync();
        await state.WriteOrRevertAsync(state.State with { Status = LeadImportStatus.Completed, LeadsByStatus = byStatus, CompletedAt = time.GetUtcNow() });
        logger.LogInformation("Lead import {ImportId} completed: {Added} leads added of {Rows} rows, {Rejected} rejected",
            Key.Import, state.State.Tally.Added, state.State.Tally.RowsProcessed, state.State.Tally.RowsRejected);
        await FinishAsync();
    }

    private async Task FailAsync(string reason)
    {
        await state.WriteOrRevertAsync(state.State with { Status = LeadImportStatus.Failed, FailureReason = reason, CompletedAt = time.GetUtcNow() });
        logger.LogWarning("Lead import {ImportId} failed: {Reason}", Key.Import, reason);
        await FinishAsync();
    }

    private async Task FinishAsync()
    {
        StopReading();
        await parts.DeleteAsync(Key.Tenant, Key.Import);
        await StopReminderAsync();
    }

    private void StopReading()
    {
        _reader?.Dispose();
        _reader = null;
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(Reminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private LeadImportJob View()
    {
        var s = state.State;
        var rowsReceived = s.Status == LeadImportStatus.Receiving ? 0 : s.RowsReceived;
        return new LeadImportJob
        {
            Id = Key.Import, CampaignId = s.CampaignId!.Value, Status = s.Status,
            PartsReceived = s.Status == LeadImportStatus.Receiving ? _partsReceived : s.Parts, PartsProcessed = s.PartsProcessed,
            RowsReceived = rowsReceived, RowsProcessed = s.Tally.RowsProcessed, Added = s.Tally.Added, AlreadyInCampaign = s.Tally.AlreadyInCampaign,
            RowsMerged = s.Tally.RowsMerged, RowsRejected = s.Tally.RowsRejected, Rejected = s.Tally.Rejected, LeadsByStatus = s.LeadsByStatus,
            FailureReason = s.FailureReason, CreatedAt = s.CreatedAt, CompletedAt = s.CompletedAt,
            Progress = s.Status == LeadImportStatus.Completed ? 1 : s.Parts == 0 ? 0 : (double)s.PartsProcessed / s.Parts,
        };
    }
}
