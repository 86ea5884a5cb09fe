using System.Data.Common;

namespace Parity.Runtime.Storage.AdoNet;

internal static class AdoNetErrors
{
    /// <summary>A database failure other than a lost conditional write: retryable for the caller.</summary>
    public static StorageException Failed(string operation, DbException exception)
        => new($"{operation} failed: {exception.Message}", exception);
}
