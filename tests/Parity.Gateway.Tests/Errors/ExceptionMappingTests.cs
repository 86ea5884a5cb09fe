using System.Reflection;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Parity.Gateway.Errors;
using Parity.GrainInterfaces.Inventory;
using Parity.Providers.Journal;
using Parity.Providers.Storage;

namespace Parity.Gateway.Tests.Errors;

/// <summary>The exceptions Orleans and Parity's providers send back to a caller, as the gateway answers them: retryable
/// failures 503 with Retry-After and never replayed as a request's outcome, timeouts 504, business refusals unchanged.</summary>
public sealed class ExceptionMappingTests
{
    private static readonly GrainId Grain = GrainId.Create("inventory-position", "SKU-1@STORE-1");

    public static TheoryData<string, Exception> Overloads() => new()
    {
        { "queue limit", new LimitExceededException("MaxEnqueuedRequestsHardLimit", 2, 1, "inventory-position/SKU-1@STORE-1") },
        { "load shedding", new GatewayTooBusyException() },
    };

    public static TheoryData<string, Exception> Unavailable() => new()
    {
        { "journal conflict", new JournalWriteException(Grain, isConflict: true, "another activation appended first") },
        { "journal storage", new JournalWriteException(Grain, isConflict: false, "the database did not answer") },
        { "journal read", new JournalReadException(Grain, "the database did not answer") },
        { "grain storage", new StorageUnavailableException("Default", "write", Grain.ToString(), "Npgsql.PostgresException", "53300", "too many clients") },
        { "grain storage etag", new InconsistentStateException("etag mismatch") },
        { "silo unavailable", new SiloUnavailableException("the silo left") },
        { "message rejected", Rejection("no gateway available") },
        { "connection failed", new ConnectionFailedException("connection refused") },
    };

    [Theory]
    [MemberData(nameof(Overloads))]
    public void OrleansOverload_Is503Overloaded_WithRetryAfter(string because, Exception exception)
    {
        var mapped = ExceptionMapping.Map(exception);

        Assert.True(mapped.Type == ProblemType.Overloaded, because);
        Assert.Equal(503, mapped.Type.Status);
        Assert.True(mapped.RetryAfter >= TimeSpan.FromSeconds(1), because);
        Assert.False(mapped.IsOutcome, because);
    }

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void RetryableFailure_Is503TemporarilyUnavailable_WithRetryAfter(string because, Exception exception)
    {
        var mapped = ExceptionMapping.Map(exception);

        Assert.True(mapped.Type == ProblemType.Unavailable, because);
        Assert.Equal(503, mapped.Type.Status);
        Assert.True(mapped.RetryAfter >= TimeSpan.FromSeconds(1), because);
        Assert.False(mapped.IsOutcome, because);
        Assert.Contains("Retry", mapped.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeout_Is504_AndSaysTheRetryIsSafe()
    {
        var mapped = ExceptionMapping.Map(new TimeoutException("no answer"));

        Assert.Equal(ProblemType.Timeout, mapped.Type);
        Assert.Null(mapped.RetryAfter);
        Assert.False(mapped.IsOutcome);
        Assert.Contains("retry", mapped.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BusinessRefusal_KeepsItsMapping_AsAnOutcome()
    {
        var mapped = ExceptionMapping.Map(new InsufficientStockException(new PositionKey("SKU-1", "STORE-1"), "Reserve", 5, 2));

        Assert.Equal(ProblemType.InsufficientStock, mapped.Type);
        Assert.True(mapped.IsOutcome);
        Assert.Null(mapped.RetryAfter);
    }

    [Fact]
    public void UnknownFailure_Is500()
    {
        var mapped = ExceptionMapping.Map(new InvalidOperationException("bug"));

        Assert.Equal(ProblemType.Internal, mapped.Type);
        Assert.False(mapped.IsOutcome);
    }

    // Orleans creates this one itself (its constructors are internal); the gateway meets it as it is.
    private static OrleansMessageRejectionException Rejection(string message) => (OrleansMessageRejectionException)Activator.CreateInstance(
        typeof(OrleansMessageRejectionException), BindingFlags.Instance | BindingFlags.NonPublic, null, [message], null)!;
}
