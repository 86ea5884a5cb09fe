using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Parity.Providers.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Grain storage {ProviderName} failed to {Operation} state {StateName} of {GrainId}; the caller gets a retryable StorageUnavailableException")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string providerName, string operation, string stateName, GrainId grainId);
}
