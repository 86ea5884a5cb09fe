namespace Parity.LoadTest.Scheduling;

/// <summary>
/// When the i-th request of an open-loop run is due, measured from the start of the run: a linear ramp from
/// <see cref="StartRate"/> to <see cref="PeakRate"/> over <see cref="Ramp"/>, then the peak rate. The times come from
/// the clock alone, never from earlier answers, so a slow server cannot slow the arrivals down.
/// </summary>
internal sealed record ArrivalSchedule
{
    public ArrivalSchedule(double startRate, double peakRate, TimeSpan ramp)
    {
        if (peakRate <= 0 || startRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(peakRate), "Arrival rates must be greater than zero.");
        }

        if (ramp < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ramp), "The ramp must not be negative.");
        }

        StartRate = startRate;
        PeakRate = peakRate;
        Ramp = ramp;
    }

    /// <summary>Requests per second at the start of the run.</summary>
    public double StartRate { get; }

    /// <summary>Requests per second once the ramp is over.</summary>
    public double PeakRate { get; }

    /// <summary>How long the rate takes to climb from the start rate to the peak; zero for a constant rate.</summary>
    public TimeSpan Ramp { get; }

    /// <summary>A constant rate.</summary>
    public static ArrivalSchedule Constant(double rate) => new(rate, rate, TimeSpan.Zero);

    /// <summary>Waves of <paramref name="size"/> requests due at the same instant, one wave every <paramref name="interval"/>
    /// (many stores uploading at once).</summary>
    public static ArrivalSchedule Bursts(int size, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var rate = size / interval.TotalSeconds;
        return new ArrivalSchedule(rate, rate, TimeSpan.Zero) { BurstSize = size, BurstInterval = interval };
    }

    /// <summary>Requests per wave; 1 for a smooth schedule.</summary>
    public int BurstSize { get; private init; } = 1;

    /// <summary>Time between waves.</summary>
    public TimeSpan BurstInterval { get; private init; }

    /// <summary>Arrivals per second at <paramref name="elapsed"/>.</summary>
    public double RateAt(TimeSpan elapsed)
    {
        var t = elapsed.TotalSeconds;
        var ramp = Ramp.TotalSeconds;
        return t >= ramp ? PeakRate : StartRate + ((PeakRate - StartRate) * t / ramp);
    }

    /// <summary>How many requests are due by <paramref name="elapsed"/> (the integral of the rate).</summary>
    public double ArrivalsBy(TimeSpan elapsed)
    {
        var t = Math.Max(0, elapsed.TotalSeconds);
        var ramp = Ramp.TotalSeconds;
        if (t <= ramp)
        {
            return (StartRate * t) + ((PeakRate - StartRate) * t * t / (2 * ramp));
        }

        return RampArrivals + (PeakRate * (t - ramp));
    }

    /// <summary>The time request <paramref name="index"/> (0-based) is due: the inverse of <see cref="ArrivalsBy"/>.</summary>
    public TimeSpan DueTime(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (BurstSize > 1)
        {
            return BurstInterval * (index / BurstSize);
        }

        double n = index;
        var ramp = Ramp.TotalSeconds;
        if (n >= RampArrivals)
        {
            return TimeSpan.FromSeconds(ramp + ((n - RampArrivals) / PeakRate));
        }

        // n = r0·t + (r1 − r0)·t²/(2T): solve the quadratic for t in [0, T].
        var a = (PeakRate - StartRate) / (2 * ramp);
        if (Math.Abs(a) < 1e-12)
        {
            return TimeSpan.FromSeconds(n / StartRate);
        }

        // The root in the form without the cancelling subtraction, exact enough for the first requests of a ramp.
        var t = 2 * n / (StartRate + Math.Sqrt((StartRate * StartRate) + (4 * a * n)));
        return TimeSpan.FromSeconds(Math.Clamp(t, 0, ramp));
    }

    private double RampArrivals => (StartRate + PeakRate) / 2 * Ramp.TotalSeconds;
}
