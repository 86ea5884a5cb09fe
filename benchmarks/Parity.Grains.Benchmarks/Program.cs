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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
