using VoicePlatform.Benchmarks.Calls;
using VoicePlatform.Benchmarks.Campaigns;
using VoicePlatform.Benchmarks.Leads;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Benchmarks.SiloStart;
using VoicePlatform.Benchmarks.StateWrites;
using VoicePlatform.Benchmarks.Supervision;
using VoicePlatform.Benchmarks.Wallets;

namespace VoicePlatform.Benchmarks;

/// <summary>
/// Benchmarks that print their figures (never asserted in tests). Run in Release. The whole report in one command:
/// <c>dotnet run -c Release --project tests/VoicePlatform.Benchmarks -- report [--full]</c> (docs/PERFORMANCE.md); one benchmark:
/// <c>... -- ceilings [--seconds 10] [--rounds 3] [--callers 256]</c> and
/// <c>dotnet run -c Release --project tests/VoicePlatform.Benchmarks -- state-writes [--seconds 15] [--rounds 3] [--variants default,tuned]</c>
/// <c>... -- silo-start [--starts 5] [--mode both|postgres|memory]</c> and
/// <c>... -- calls [--calls 400] [--concurrency 32] [--webhook-calls 300] [--rounds 3] [--acceleration 20]</c> and
/// <c>... -- wallet [--seconds 10] [--rounds 3] [--callers 256] [--chaos-seconds 45] [--chaos-callers 32] [--mode both|throughput|chaos]</c> and
/// <c>... -- leads [--sizes 100000,1000000] [--rounds 3]</c> and
/// <c>... -- campaigns [--campaigns 10] [--leads 300] [--concurrent 30] [--rounds 2] [--starts 20] [--pace 600] [--pace-seconds 60] [--tick-leads 100000] [--idle 2000]</c> and
/// <c>... -- supervision [--clients 50] [--rate 200] [--seconds 20] [--rounds 3] [--calls 20]</c> and
/// <c>... -- inbound [--calls 400] [--rates 25,50,100] [--rounds 3] [--webhook-delay-ms 1000] [--talk-seconds 2]</c>, and the rolling-upgrade
/// check <c>... -- upgrade-check --old DIR --new DIR [--leads 30]</c> (run by scripts/upgrade-check.sh).
/// docs/performance-history.md records the results.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: report [--full] [--out FILE] [--only a,b] | ceilings [--seconds N] [--rounds N] [--callers N] | rest [--rate N] [--seconds N] [--rounds N] [--calls N] [--connections N] | live-calls [--levels N,N] [--webhook-rate N] [--webhook-seconds N] [--burst N] | webhooks [--calls N] [--rounds N] | state-writes [--seconds N] [--rounds N] [--variants default,tuned] | silo-start [--starts N] [--mode both|postgres|memory] | " +
                "calls [--calls N] [--concurrency N] [--webhook-calls N] [--rounds N] | " +
                "wallet [--seconds N] [--rounds N] [--callers N] [--chaos-seconds N] [--chaos-callers N] [--mode both|throughput|chaos] | leads [--sizes N,N] [--rounds N] | campaigns [--campaigns N] [--leads N] [--concurrent N] [--rounds N] [--starts N] [--pace N] [--pace-seconds N] [--tick-leads N] [--idle N] | supervision [--clients N] [--rate N] [--seconds N] [--rounds N] [--calls N] | inbound [--calls N] [--rates N,N] [--rounds N] [--webhook-delay-ms N] [--talk-seconds N] | upgrade-check --old DIR --new DIR [--leads N]");
            return args.Length == 0 ? 1 : 0;
        }

        var options = new CommandLine(args[1..]);
        try
        {
            return args[0] switch
            {
                "report" => await VoicePlatform.Benchmarks.Report.PerformanceReport.RunAsync(options),
                "ceilings" => await VoicePlatform.Benchmarks.Ceilings.CeilingsBenchmark.RunAsync(options),
                "rest" => await VoicePlatform.Benchmarks.Rest.RestReadsBenchmark.RunAsync(options),
                "live-calls" => await VoicePlatform.Benchmarks.LiveCalls.LiveCallsBenchmark.RunAsync(options),
                "webhooks" => await VoicePlatform.Benchmarks.Webhooks.OutboundWebhooksBenchmark.RunAsync(options),
                // The REST benchmark's open-loop load generator, started by it in a process of its own.
                "http-load" => await VoicePlatform.Benchmarks.Rest.OpenLoopLoad.RunAsync(options),
                "state-writes" => await StateWritesBenchmark.RunAsync(options),
                "silo-start" => await SiloStartBenchmark.RunAsync(options),
                "calls" => await CallsBenchmark.RunAsync(options),
                "wallet" => await WalletBenchmark.RunAsync(options),
                "leads" => await LeadsBenchmark.RunAsync(options),
                "campaigns" => await CampaignsBenchmark.RunAsync(options),
                "supervision" => await SupervisionBenchmark.RunAsync(options),
                "inbound" => await VoicePlatform.Benchmarks.Inbound.InboundBenchmark.RunAsync(options),
                // Not a benchmark: the rolling-upgrade check across two builds (scripts/upgrade-check.sh builds them).
                "upgrade-check" => await VoicePlatform.Benchmarks.Upgrade.UpgradeCheck.RunAsync(options),
                // The supervision benchmark's load generator, started by it in a process of its own.
                "supervision-clients" => await SupervisorClients.RunAsync(options),
                _ => Unknown(args[0]),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"unknown benchmark '{command}' (state-writes, silo-start, calls, wallet, leads, campaigns, supervision, inbound)");
        return 2;
    }
}
