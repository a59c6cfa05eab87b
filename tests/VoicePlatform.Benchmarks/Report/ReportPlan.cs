using VoicePlatform.Benchmarks.Measurement;

namespace VoicePlatform.Benchmarks.Report;

/// <summary>
/// What the report runs and what it shows. The default run is sized for about fifteen minutes on two cores, with three
/// rounds behind every headline figure; <c>--full</c> adds the large sizes.
/// </summary>
public static class ReportPlan
{
    public static IReadOnlyList<Scenario> Scenarios(bool full) =>
    [
        new("ceilings", ["ceilings", "--seconds", "6", "--rounds", "3"],
            "pgbench TPS, empty grain calls in the silo and through the gateway, grain-state writes on the project's schema"),
        new("campaigns", ["campaigns", "--only", "throughput,first-dial,pacing,import", "--rounds", "3", "--warmup", "1", "--starts", "10", "--webhooks", "off",
                "--pace", "600", "--pace-seconds", "60", "--import-rows", "100000", "--import-rounds", "3", .. full ? (string[])["--leads", "1000"] : []],
            "completed campaign calls per second with transactions per call by kind; start, schedule and window opening to first dial; pacing; the HTTP lead import job"),
        new("campaigns-durable", ["campaigns", "--only", "throughput", "--rounds", "3", "--warmup", "1", "--leads", "100", "--webhooks", "off"],
            "the campaign throughput again on a PostgreSQL with fsync, synchronous_commit and full_page_writes on",
            new Dictionary<string, string> { [VoicePlatform.Tests.Infrastructure.PostgresServer.DurableVariable] = "1", [Figures.PrefixVariable] = "durable." }),
        new("campaigns-webhooks", ["campaigns", "--only", "throughput", "--rounds", "3", "--warmup", "1", "--leads", "200", "--webhooks", "on"],
            "the campaign throughput again with the tenant's webhook endpoint on (three deliveries per call to a receiver on loopback, in the same process): every transaction counted, the outbox's and the deliveries' included",
            new Dictionary<string, string> { [Figures.PrefixVariable] = "webhooks-on." }),
        new("wallet", ["wallet", "--seconds", "8", "--rounds", "3", "--chaos-seconds", full ? "45" : "25"],
            "wallet operations per second for one tenant; money drift after a chaos run (a silo killed and restarted)"),
        new("supervision", ["supervision", "--clients", "50", "--rate", "200", "--seconds", full ? "20" : "12", "--rounds", "3"],
            "grain event to supervisor latency at 200 events/s with 50 supervisors"),
        new("calls", ["calls", "--calls", "300", "--webhook-calls", "300", "--rounds", "3"],
            "calls set up per second through the emulator; LiveKit webhook events handled per second and their handling time"),
        new("inbound", ["inbound", "--calls", full ? "400" : "150", "--rates", full ? "25,50,100" : "50", "--rounds", "3"],
            "inbound calls answered per second; arrival to answer, with webhooks on time and late"),
        new("live-calls", ["live-calls", "--levels", full ? "1000,5000,10000" : "10000", "--webhook-rate", "300", "--webhook-seconds", "15", "--burst", "300"],
            "1,000, 5,000 and 10,000 answered calls held at once: resident memory, LiveKit webhook handling at 300/s (open loop), and a burst of short calls beside them"),
        new("webhooks", ["webhooks", "--calls", "400", "--rounds", "3", "--backlog", "2000", "--trickle-rate", "50", "--trickle-seconds", "10"],
            "outbound webhooks: one endpoint's delivery rate on a backlog of 2,000 events and its lag at 50 events/s; then 400 calls' events as they are made, each delivery's lag from its event"),
        new("rest", ["rest", "--rate", "1000", "--seconds", "10", "--rounds", "3"],
            "GET /api/calls/{id} at 1,000 requests/s from the open-loop generator `http-load` in its own process; the liveness probe at the same rate as the floor"),
        new("leads", ["leads", "--sizes", full ? "100000,1000000" : "100000", "--rounds", full ? "3" : "1"],
            "lead import straight into the store (parse, admit, COPY)"),
        .. full
            ? (Scenario[])[new("two-silos", ["campaigns", "--only", "throughput", "--rounds", "3", "--warmup", "1", "--leads", "500", "--webhooks", "off", "--silos", "2"],
                "the campaign throughput again with a second silo — the Silo program in a process of its own — joined to the first on the same PostgreSQL (the same two cores)",
                new Dictionary<string, string> { [Figures.PrefixVariable] = "two-silos." }),
            new("curves", ["campaigns", "--only", "leads-curve,tenants-curve", "--curve-leads", "10000,100000,1000000", "--curve-tenants", "1,100,1000", "--curve-calls", "2000"],
                "completed campaign calls/s and set-up p99 while the campaigns hold 10,000, 100,000 and 1,000,000 leads, and with the same 2,000 calls spread over 1, 100 and 1,000 tenants")]
            : [],
    ];

    private static Func<FigureSet, string> Ratio(string numerator, string denominator, string describe) => figures =>
        figures[numerator] is { } n && figures[denominator] is { } d && d.Median > 0
            ? $"{describe}: {figures.Show(denominator)} (ratio {n.Median / d.Median:F2})"
            : $"{describe}: not measured";

    /// <summary>How a figure grows with the work: each curve's points, read from figures named with the point.</summary>
    public static IReadOnlyList<(string Title, string Dimension, int[] Points, (string Label, string KeyFormat)[] Series)> Curves { get; } =
    [
        ("Against the number of live calls", "live calls", [1000, 5000, 10000],
        [
            ("resident memory", "live-calls.{0}.resident-memory"),
            ("managed heap", "live-calls.{0}.managed-heap"),
            ("webhook handling p99 at 300/s", "live-calls.{0}.webhook.p99"),
            ("short calls completed/s beside them", "live-calls.{0}.burst.completed-calls"),
            ("their set-up p99", "live-calls.{0}.burst.setup.p99"),
        ]),
        ("Against the number of leads", "leads", [10000, 100000, 1000000],
        [
            ("completed campaign calls/s (2,000 calls)", "campaigns.curve.leads.{0}.completed-calls"),
            ("their set-up p99", "campaigns.curve.leads.{0}.setup.p99"),
            ("import into the store", "leads.import.{0}"),
        ]),
        ("Against the number of tenants", "tenants", [1, 100, 1000],
        [
            ("completed campaign calls/s (2,000 calls in all)", "campaigns.curve.tenants.{0}.completed-calls"),
            ("their set-up p99", "campaigns.curve.tenants.{0}.setup.p99"),
        ]),
    ];

    public static IReadOnlyList<ReportRow> Rows { get; } =
    [
        new("pgbench TPS on the benchmarks' PostgreSQL", "ceiling.pgbench", "ceiling", null),
        new("empty grain calls/s inside the silo", "ceiling.grain-calls.silo", "ceiling", null),
        new("empty grain calls/s through the gateway (a cluster client)", "ceiling.grain-calls.gateway", "ceiling", null),
        new("grain-state writes/s on the project's schema", "ceiling.state-writes", "ceiling", null, Ratio("ceiling.state-writes", "ceiling.pgbench", "pgbench")),
        new("completed campaign calls/s, one node", "campaigns.completed-calls", "≥ 150/s", v => v >= 150, figures =>
            figures["campaigns.pgbench"] is { } tps && figures["campaigns.transactions-per-call"] is { } perCall && figures["campaigns.completed-calls"] is { } rate
                ? $"pgbench {Figures.Format(tps.Median)} TPS ÷ {perCall.Median:F2} transactions per call = {Figures.Format(tps.Median / perCall.Median)}/s (ratio {rate.Median / (tps.Median / perCall.Median):F2})"
                : "not measured"),
        new("CPU per completed campaign call, one node (the machine's; the cores' 2,000 ms a second ÷ this = the node's most calls/s)", "campaigns.cpu-per-call.machine", "reported", null,
            figures => $"this process (silo, API host and the LiveKit emulator) {figures.Show("campaigns.cpu-per-call.this-process")}, PostgreSQL {figures.Show("campaigns.cpu-per-call.postgresql")}"),
        new("completed campaign calls/s, two silos on one PostgreSQL (the second in its own process, on the same 2 cores; --full)", "two-silos.campaigns.completed-calls", "reported", null,
            Ratio("two-silos.campaigns.completed-calls", "campaigns.completed-calls", "one silo")),
        new("— CPU per completed call, two silos (the machine's)", "two-silos.campaigns.cpu-per-call.machine", "reported", null,
            figures => $"first silo's process (with the API host and the emulator) {figures.Show("two-silos.campaigns.cpu-per-call.this-process")}, the second silo {figures.Show("two-silos.campaigns.cpu-per-call.other-silos")}, PostgreSQL {figures.Show("two-silos.campaigns.cpu-per-call.postgresql")}"),
        new("write transactions per completed campaign call (PostgreSQL's own count; the agent reports nothing)", "campaigns.transactions-per-call", "≤ 6", v => v <= 6),
        new("— call grain state", "campaigns.transactions-per-call.call-state", "", null),
        new("— lead claims", "campaigns.transactions-per-call.lead-claims", "", null),
        new("— lead outcome rows", "campaigns.transactions-per-call.lead-outcomes", "", null),
        new("— call-record projection (group commit)", "campaigns.transactions-per-call.call-records", "", null),
        new("— wallet ledger (group commit)", "campaigns.transactions-per-call.ledger", "", null),
        new("— campaign grain state", "campaigns.transactions-per-call.campaign-state", "", null),
        new("— everything else that wrote (webhook deliveries, wallet and lead state, reminders; PostgreSQL's own count less the kinds above)", "campaigns.transactions-per-call.other", "", null),
        new("write transactions per completed call with a webhook endpoint (outbox rows and deliveries counted)", "webhooks-on.campaigns.transactions-per-call", "≤ 6", v => v <= 6,
            figures => $"of which everything but the kinds above (the deliveries): {figures.Show("webhooks-on.campaigns.transactions-per-call.other")}"),
        new("completed campaign calls/s with the webhook endpoint on (the receiver on the same 2 cores)", "webhooks-on.campaigns.completed-calls", "reported", null),
        new("completed campaign calls/s, PostgreSQL with fsync and synchronous_commit on", "durable.campaigns.completed-calls", "reported", null, figures =>
            figures["durable.campaigns.pgbench"] is { } tps && figures["durable.campaigns.transactions-per-call"] is { } perCall
                ? $"pgbench on the durable server {Figures.Format(tps.Median)} TPS ÷ {perCall.Median:F2} = {Figures.Format(tps.Median / perCall.Median)}/s"
                : "not measured"),
        new("durable transactions per completed call, the same durable server", "durable.campaigns.transactions-per-call", "≤ 6", v => v <= 6),
        new("campaign start → first dial, p99", "campaigns.first-dial.start.p99", "≤ 1,000 ms", v => v <= 1000),
        new("scheduled start → first dial, p99", "campaigns.first-dial.scheduled.p99", "≤ 1,000 ms", v => v <= 1000),
        new("window opening → first dial, p99", "campaigns.first-dial.window.p99", "≤ 1,000 ms", v => v <= 1000),
        new("pacing error at 600 dials/min", "campaigns.pacing-error", "within ±2 %", v => Math.Abs(v) <= 2),
        new("100,000 leads through the HTTP import job", "campaigns.import-job.100000", "≤ 10 s", v => v <= 10),
        new("100,000 leads into the store", "leads.import.100000", "≤ 10 s", v => v <= 10),
        new("1,000,000 leads into the store", "leads.import.1000000", "reported", null),
        new("wallet operations/s, one tenant", "wallet.operations", "≥ 5,000/s", v => v >= 5000, Ratio("wallet.operations", "ceiling.grain-calls.silo", "empty grain calls in the silo")),
        new("wallet operation p99 at 256 callers", "wallet.operation.p99", "reported", null),
        new("money drift after chaos", "wallet.chaos.drift", "0", v => v == 0),
        new("supervisor event latency p99, 50 supervisors at 200 events/s", "supervision.latency.p99", "≤ 100 ms", v => v <= 100,
            figures => $"grain → the API host's own stream subscription, p99 {figures.Show("supervision.latency.floor.p99")}"),
        new("— the same in a real browser", "supervision.latency.browser.p99", "≤ 100 ms", v => v <= 100),
        new("LiveKit webhook events handled/s, one API host", "calls.webhook-events", "reported", null, Ratio("calls.webhook-events", "ceiling.grain-calls.gateway", "empty grain calls through the gateway")),
        new("LiveKit webhook handling p99, 32 in flight (the ≤ 20 ms goal is at 10,000 live calls)", "calls.webhook.p99", "reported", null),
        new("calls set up per second through the emulator", "calls.set-up", "reported", null),
        new("resident memory with 10,000 live calls, one node (silo and API host)", "live-calls.10000.resident-memory", "≤ 2,048 MiB", v => v <= 2048,
            figures => $"managed heap {figures.Show("live-calls.10000.managed-heap")}"),
        new("LiveKit webhook handling p99 with 10,000 live calls, 300 events/s", "live-calls.10000.webhook.p99", "≤ 20 ms", v => v <= 20,
            figures => $"with 1,000 live: {figures.Show("live-calls.1000.webhook.p99")}; the live calls' looks at LiveKit meanwhile {figures.Show("live-calls.10000.watchdog-requests")}"),
        new("outbound webhook deliveries/s, one endpoint, a backlog of 2,000 events (receiver on loopback)", "webhooks.capacity", "reported", null),
        new("outbound webhook delivery lag p99 below that rate (50 events/s: recorded → received)", "webhooks.trickle-lag.p99", "reported", null,
            figures => $"p50 {figures.Show("webhooks.trickle-lag.p50")}"),
        new("outbound webhook deliveries/s while 400 calls make their events (the calls' pace, not the pipeline's)", "webhooks.deliveries", "reported", null),
        new("outbound webhook delivery lag p99 during those calls, call.started and call.answered (event time → received; the 2 cores saturated by the calls)", "webhooks.pipeline-lag.p99", "reported", null,
            figures => $"p50 {figures.Show("webhooks.pipeline-lag.p50")}; event time → recorded in the outbox p99 {figures.Show("webhooks.to-outbox.p99")}"),
        new("— every event, call.ended included (it waits for the settlement: the benchmark's 1 s grace, 20 s in production)", "webhooks.lag.p99", "reported", null,
            figures => $"p50 {figures.Show("webhooks.lag.p50")}"),
        new("REST GET /api/calls/{id} p99 at 1,000 requests/s (open loop, `http-load` in its own process)", "rest.get-call.p99", "≤ 25 ms", v => v <= 25,
            figures => $"the liveness probe (no key, no grain) at the same rate: p99 {figures.Show("rest.liveness.p99")}; errors {figures.Show("rest.get-call.errors")}"),
        new("inbound calls answered/s, offered 50/s", "inbound.on-time.50.answered", "reported", null),
        new("inbound arrival → answer p99, webhooks on time", "inbound.on-time.50.p99", "reported", null),
        new("inbound arrival → answer p99, webhooks 1 s late", "inbound.late.50.p99", "reported", null),
    ];
}
