using Parity.Runtime.Invocation;

namespace Parity.Runtime.Hosting;

/// <summary>
/// Retries calls that failed with <see cref="RetryableException"/> — by this runtime's contract, failures
/// whose effect was never acknowledged — with exponential backoff and jitter, within the call timeout.
/// An unavailable silo makes the client re-read the view first, so the retry goes to the new owner.
/// Anything else (domain errors, timeouts) is returned to the caller at once.
/// </summary>
internal sealed class RetryingCallInvoker(IGrainCallInvoker inner, ClusterClientOptions options, TimeProvider timeProvider, Func<Task> refreshView)
    : IGrainCallInvoker
{
    public async Task<object?> InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var deadline = timeProvider.GetUtcNow() + options.CallTimeout;
        if (RequestContext.Deadline is not { } callerDeadline || deadline < callerDeadline)
        {
            // Every attempt is bounded by what is left of the call's deadline, not given a fresh timeout of its own.
            // (An async method's changes to the ambient context do not flow back to its caller.)
            RequestContext.Deadline = deadline;
        }
        else
        {
            deadline = callerDeadline;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await inner.InvokeAsync(grainId, method, arguments).ConfigureAwait(false);
            }
            catch (RetryableException e) when (attempt < options.MaxAttempts)
            {
                var delay = Backoff(attempt);
                if (timeProvider.GetUtcNow() + delay >= deadline)
                {
                    throw;
                }

                if (e is SiloUnavailableException)
                {
                    await refreshView().ConfigureAwait(false);
                }

                await Task.Delay(delay, timeProvider).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);

        // Half fixed, half random: callers that failed together do not retry together.
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }
}
