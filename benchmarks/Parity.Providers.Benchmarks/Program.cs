using BenchmarkDotNet.Running;

namespace Parity.Providers.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--postgres-journal"))
        {
            return await PostgresJournalRun.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
