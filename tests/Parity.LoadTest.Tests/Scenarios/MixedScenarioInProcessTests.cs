using Parity.LoadTest.Cli;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Reporting;
using Parity.LoadTest.Scenarios;

namespace Parity.LoadTest.Tests.Scenarios;

public sealed class MixedScenarioInProcessTests
{
    [Fact]
    public async Task OmnichannelDay_MemoryStore_EveryOperationAcceptedAndEveryInvariantZero()
    {
        var settings = new LoadTestSettings
        {
            Scenario = OmnichannelDay.Name,
            Store = StoreKind.Memory,
            StartRate = 80,
            PeakRate = 80,
            Ramp = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(3),
            WarmUpRequests = 20,
            Mixed = new MixedOptions { Skus = 5, Stores = 3, Stock = 1_000, TicketsPerBatch = 4 },
        };

        var report = await new LoadTestRunner(settings, new SilentObserver(), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(report.Invariants.Holds, string.Join("; ", report.Invariants.Details));
        Assert.Equal(OmnichannelDay.Name, report.Scenario);
        Assert.True(report.Attempts >= 200, $"{report.Attempts} attempts");
        Assert.Equal(0, report.Errors);
        Assert.Equal(report.Attempts, report.Accepted);
        Assert.NotNull(report.Operations);
        foreach (var operation in new[] { "place", "ship", "cancel", "pos-batch" })
        {
            Assert.True(report.Operations.TryGetValue(operation, out var figures) && figures.Accepted > 0, $"no accepted {operation}");
        }

        Assert.Equal(report.Attempts, report.Operations.Values.Sum(o => o.Attempts));
        // Duplicate postings are counted in the sandbox ERP the run hosts, against the acknowledged shipments, returns and
        // refunds and the summaries of the store days the run closed at its end: every one posted, none twice.
        var postings = Assert.Single(report.Invariants.Notes, n => n.StartsWith("duplicatePostings: counted in the sandbox ERP", StringComparison.Ordinal));
        Assert.Contains("closed store days", postings, StringComparison.Ordinal);
        Assert.Matches(@" 0 duplicate\(s\)", postings);
        Assert.Matches(@" 0 not \(yet\) posted", postings);
        Assert.DoesNotMatch(@": 0 journal\(s\) posted", postings);
        Assert.Contains("\"operations\"", report.ToJson(), StringComparison.Ordinal);
        // The warm-up's 20 operations were sent and acknowledged before the clock started: real effects, checked above
        // with the run's, but not among its attempts.
        Assert.Equal("warm-up: 20 request(s) of the scenario's mix before the run, 20 acknowledged; not timed, checked with the run",
            Assert.Single(report.Invariants.Notes, n => n.StartsWith("warm-up:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PosBurst_MemoryStore_EveryTicketRecordedOnceAndOnHandBalanced()
    {
        var settings = new LoadTestSettings
        {
            Scenario = PosBurst.Name,
            Store = StoreKind.Memory,
            Duration = TimeSpan.FromSeconds(2.5),
            BurstInterval = TimeSpan.FromSeconds(1),
            WarmUpRequests = 10,
            Mixed = new MixedOptions { Skus = 4, Stores = 20, Stock = 1_000, TicketsPerBatch = 5 },
        };

        var report = await new LoadTestRunner(settings, new SilentObserver(), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(report.Invariants.Holds, string.Join("; ", report.Invariants.Details));
        // Three waves of 20 stores: due at 0, 1 and 2 s; the 10 warm-up batches came before and are not among them.
        Assert.Equal(60, report.Attempts);
        Assert.Equal(60, report.Accepted);
        Assert.NotNull(report.Operations);
        Assert.True(report.Operations["pos-batch-csv"].Accepted > 0);
        Assert.True(report.Operations["pos-batch-json"].Accepted > 0);
        Assert.Equal(3, report.Timeline.Sum(b => b.Due > 0 ? 1 : 0));
        // The run closes the 20 days and counts their summaries in the sandbox ERP it hosts: one each, none twice.
        var postings = Assert.Single(report.Invariants.Notes, n => n.StartsWith("duplicatePostings: counted in the sandbox ERP", StringComparison.Ordinal));
        Assert.Contains(": 20 journal(s) posted for 20 implied", postings, StringComparison.Ordinal);
        Assert.Equal("warm-up: 10 request(s) of the scenario's mix before the run, 10 acknowledged; not timed, checked with the run",
            Assert.Single(report.Invariants.Notes, n => n.StartsWith("warm-up:", StringComparison.Ordinal)));
        Assert.Contains(" 0 duplicate(s), 0 not (yet) posted", postings, StringComparison.Ordinal);
        Assert.Equal(0, report.Invariants.DuplicatePostings);
    }
}
