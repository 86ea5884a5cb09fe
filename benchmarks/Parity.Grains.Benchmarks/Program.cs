using BenchmarkDotNet.Running;

namespace Parity.Grains.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--hot-position"))
        {
            return await HotPositionRun.RunAsync(args);
        }

        if (args.Contains("--silo-to-silo"))
        {
            return await SiloToSiloRun.RunAsync(args);
        }

        if (args.Contains("--remote-call"))
        {
            return await RemoteCallRun.RunAsync(args);
        }

        if (args.Contains("--dashboard-overhead"))
        {
            return await DashboardOverheadRun.RunAsync(args);
        }

        if (args.Contains("--snapshot-cost"))
        {
            return await SnapshotCostRun.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
