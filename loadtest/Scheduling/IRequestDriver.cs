using Parity.LoadTest.Measurement;

namespace Parity.LoadTest.Scheduling;

/// <summary>Sends request number <c>index</c> of a run and says how it ended. Failures are outcomes, not exceptions.</summary>
internal interface IRequestDriver
{
    /// <summary>Sends request <paramref name="index"/>.</summary>
    Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken);
}
