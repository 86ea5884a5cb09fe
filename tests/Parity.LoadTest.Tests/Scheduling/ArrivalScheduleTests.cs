using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Tests.Scheduling;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void DueTime_ConstantRate_SpacesRequestsEvenly()
    {
        var schedule = ArrivalSchedule.Constant(200);

        Assert.Equal(TimeSpan.Zero, schedule.DueTime(0));
        Assert.Equal(0.005, schedule.DueTime(1).TotalSeconds, 9);
        Assert.Equal(1.0, schedule.DueTime(200).TotalSeconds, 9);
    }

    [Fact]
    public void DueTime_Ramp_IsTheInverseOfArrivalsBy()
    {
        var schedule = new ArrivalSchedule(100, 1000, TimeSpan.FromSeconds(4));

        // During the ramp (100 → 1,000/s over 4 s: 2,200 arrivals) and after it.
        foreach (var index in new long[] { 0, 1, 50, 999, 2199, 2200, 2201, 10_000 })
        {
            Assert.Equal(index, schedule.ArrivalsBy(schedule.DueTime(index)), 3); // TimeSpan keeps 100 ns ticks
        }

        Assert.Equal(2200, schedule.ArrivalsBy(TimeSpan.FromSeconds(4)), 6);
        Assert.Equal(4 + (800 / 1000.0), schedule.DueTime(3000).TotalSeconds, 6);
    }

    [Fact]
    public void RateAt_Ramp_ClimbsLinearlyToThePeak()
    {
        var schedule = new ArrivalSchedule(100, 1000, TimeSpan.FromSeconds(4));

        Assert.Equal(100, schedule.RateAt(TimeSpan.Zero), 6);
        Assert.Equal(550, schedule.RateAt(TimeSpan.FromSeconds(2)), 6);
        Assert.Equal(1000, schedule.RateAt(TimeSpan.FromSeconds(9)), 6);
    }

    [Fact]
    public void DueTime_RampDown_StaysMonotonic()
    {
        var schedule = new ArrivalSchedule(1000, 100, TimeSpan.FromSeconds(2));
        var previous = TimeSpan.MinValue;
        for (long i = 0; i < 2000; i++)
        {
            var due = schedule.DueTime(i);
            Assert.True(due >= previous, $"request {i} is due at {due} before request {i - 1} at {previous}");
            previous = due;
        }
    }
}
