using Orleans;
using Orleans.Runtime;

namespace Parity.Providers.Storage;

/// <summary>
/// A grain storage operation failed because the database did not answer or refused it (ADO.NET provider errors,
/// timeouts, I/O). Retryable: the state was not changed by the failed call, or the caller cannot know, so a retry
/// after a back-off is the right response (the gateway answers 503 with Retry-After). It crosses the wire, unlike the
/// database driver's own exception (Npgsql's <c>PostgresException</c> reaches an Orleans caller as
/// <c>CodecNotFoundException</c>); the original stays in the silo's log.
/// </summary>
[GenerateSerializer]
[Alias("Parity.Providers.Storage.StorageUnavailableException")]
public sealed class StorageUnavailableException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException(string providerName, string operation, string grainId, string providerErrorType, string? sqlState, string providerMessage)
        : base($"Grain storage '{providerName}' could not {operation} the state of {grainId}: {providerMessage} ({providerErrorType}). Retry later.")
    {
        ProviderName = providerName;
        Operation = operation;
        GrainId = grainId;
        ProviderErrorType = providerErrorType;
        SqlState = sqlState;
    }

    /// <summary>Name of the grain storage provider (as registered with the silo).</summary>
    [Id(0)]
    public string ProviderName { get; private set; }

    /// <summary>The operation that failed: <c>read</c>, <c>write</c> or <c>clear</c>.</summary>
    [Id(1)]
    public string Operation { get; private set; }

    /// <summary>The grain whose state was concerned.</summary>
    [Id(2)]
    public string GrainId { get; private set; }

    /// <summary>Full name of the provider's exception type (e.g. <c>Npgsql.PostgresException</c>).</summary>
    [Id(3)]
    public string ProviderErrorType { get; private set; }

    /// <summary>The SQLSTATE code when the database gave one (e.g. <c>53300</c>: too many connections).</summary>
    [Id(4)]
    public string? SqlState { get; private set; }
}
