using Parity.LoadTest.Measurement;
using Parity.LoadTest.Reporting;
using Parity.LoadTest.Scenarios;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Tests.Scheduling;

public sealed class BurstScheduleTests
{
    [Fact]
    public void DueTime_Bursts_WholeWaveDueAtTheSameInstant()
    {
        var schedule = ArrivalSchedule.Bursts(50, TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.Zero, schedule.DueTime(0));
        Assert.Equal(TimeSpan.Zero, schedule.DueTime(49));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.DueTime(50));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.DueTime(99));
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.DueTime(100));
        Assert.Equal(25, schedule.PeakRate);
    }

    [Fact]
    public void Parse_Mix_NamedWeightsReplaceDefaultsAndUnknownNamesAreRefused()
    {
        var mix = OperationMix.Parse("place=10, pos=0");

        Assert.Equal(OperationMix.Default with { Place = 10, Pos = 0 }, mix);
        Assert.Throws<ArgumentException>(() => OperationMix.Parse("ship=x"));
        Assert.Throws<ArgumentException>(() => OperationMix.Parse("teleport=1"));
        Assert.Throws<ArgumentException>(() => OperationMix.Parse("place=0,pos=0"));
    }

    [Fact]
    public void From_Samples_GroupedByTheOperationOfTheirIndex()
    {
        RequestSample[] samples =
        [
            new(0, 0.010, RequestOutcome.Accepted, 0),
            new(0.1, 0.130, RequestOutcome.Rejected, 1),
            new(0.2, 0.220, RequestOutcome.Error, 2),
            new(0.3, 0.300, RequestOutcome.NotSent, 3),
        ];

        var figures = OperationFigures.From(samples, i => i % 2 == 0 ? "place" : "ship");

        Assert.Equal(new[] { "place", "ship" }, figures.Keys.ToArray());
        Assert.Equal((2, 1, 0, 1), (figures["place"].Attempts, figures["place"].Accepted, figures["place"].Rejected, figures["place"].Errors));
        Assert.Equal((2, 0, 1, 1), (figures["ship"].Attempts, figures["ship"].Accepted, figures["ship"].Rejected, figures["ship"].Errors));
        // The request not sent has no latency: only the rejection's 30 ms counts.
        Assert.Equal(30, figures["ship"].LatencyMs.Max, 3);
    }
}
