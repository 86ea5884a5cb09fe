namespace Parity.LoadTest.Measurement;

/// <summary>How one request of a run ended.</summary>
internal enum RequestOutcome
{
    /// <summary>2xx: the server acknowledged the request (a reservation is held).</summary>
    Accepted,

    /// <summary>A business refusal (409): a decision, just not a yes.</summary>
    Rejected,

    /// <summary>Anything else: 4xx other than 409, 429, 5xx, a transport failure, a timeout.</summary>
    Error,

    /// <summary>Not sent: the client's bound on requests in flight was full when it was due. Counted as an error and
    /// left out of the latency figures (it has none).</summary>
    NotSent,
}

/// <summary>One finished request: when it was due, when its answer arrived (both from the start of the run) and how.</summary>
/// <param name="DueSeconds">Scheduled send time.</param>
/// <param name="CompletedSeconds">Time the answer (or failure) arrived.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Index">The request's number in the run (−1 when unknown), so mixed scenarios can sort samples by operation.</param>
internal readonly record struct RequestSample(double DueSeconds, double CompletedSeconds, RequestOutcome Outcome, long Index = -1)
{
    /// <summary>Latency from the scheduled send time, in milliseconds: waiting to be sent counts (no coordinated omission).</summary>
    public double LatencyMs => Math.Max(0, CompletedSeconds - DueSeconds) * 1000;
}
