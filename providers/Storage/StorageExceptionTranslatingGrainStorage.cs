using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Parity.Providers.Storage;

/// <summary>
/// Wraps a grain storage provider so database failures leave the silo as <see cref="StorageUnavailableException"/>,
/// which Orleans can serialize, instead of the driver's exception, which it cannot. Guarantees: a successful
/// operation is untouched; an etag conflict stays Orleans' <see cref="InconsistentStateException"/>; a cancellation
/// stays a cancellation; any other failure passes through unchanged (a bug, not an outage, so not retryable).
/// </summary>
internal sealed class StorageExceptionTranslatingGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string Read = "read";
    private const string Write = "write";
    private const string Clear = "clear";

    private readonly string _providerName;
    private readonly IGrainStorage _inner;
    private readonly ILogger _logger;

    public StorageExceptionTranslatingGrainStorage(string providerName, IGrainStorage inner, ILogger<StorageExceptionTranslatingGrainStorage> logger)
    {
        _providerName = providerName;
        _inner = inner;
        _logger = logger;
    }

    internal IGrainStorage Inner => _inner;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => TranslateAsync(() => _inner.ReadStateAsync(stateName, grainId, grainState), Read, stateName, grainId);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => TranslateAsync(() => _inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken), Read, stateName, grainId);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => TranslateAsync(() => _inner.WriteStateAsync(stateName, grainId, grainState), Write, stateName, grainId);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => TranslateAsync(() => _inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken), Write, stateName, grainId);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => TranslateAsync(() => _inner.ClearStateAsync(stateName, grainId, grainState), Clear, stateName, grainId);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => TranslateAsync(() => _inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken), Clear, stateName, grainId);

    /// <summary>The wrapped provider initialises with the silo (Orleans registers it as a lifecycle participant through this wrapper).</summary>
    public void Participate(ISiloLifecycle lifecycle) => (_inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Whether <paramref name="exception"/> says the database is unreachable or refused the operation: retryable.</summary>
    internal static bool IsStorageOutage(Exception exception, out Exception cause)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException or SocketException or IOException)
            {
                cause = current;
                return true;
            }
        }

        cause = exception;
        return false;
    }

    private async Task TranslateAsync(Func<Task> operation, string operationName, string stateName, GrainId grainId)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (InconsistentStateException conflict) when (conflict.InnerException is not null)
        {
            // Same meaning, without the driver's exception inside (which would not serialize).
            throw new InconsistentStateException(conflict.Message, conflict.StoredEtag, conflict.CurrentEtag);
        }
        catch (Exception exception) when (exception is not (InconsistentStateException or OperationCanceledException) && IsStorageOutage(exception, out var cause))
        {
            StorageLog.StorageUnavailable(_logger, exception, _providerName, operationName, stateName, grainId);
            throw new StorageUnavailableException(
                _providerName, operationName, grainId.ToString(), cause.GetType().FullName ?? cause.GetType().Name, (cause as DbException)?.SqlState, cause.Message);
        }
    }
}
