using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Parity.Providers.Journal;

/// <summary>
/// The per-activation services Orleans' <c>LogConsistentGrain</c> asks for before it installs any adaptor. Orleans
/// registers its own implementation only together with its built-in providers, so the Parity journal brings one.
/// </summary>
internal sealed class JournalProtocolServices(IGrainContext grainContext, DeepCopier deepCopier, ILocalSiloDetails siloDetails, ILogger logger)
    : ILogConsistencyProtocolServices
{
    public GrainId GrainId => grainContext.GrainId;

    public string MyClusterId => siloDetails.ClusterId;

    public T DeepCopy<T>(T value) => deepCopier.Copy(value)!;

    public void ProtocolError(string msg, bool throwexception)
    {
        logger.LogError("{GrainId} log-consistency protocol error: {Message}", GrainId, msg);
        if (throwexception)
        {
            throw new OrleansException($"{msg} (grain {GrainId})");
        }
    }

    public void CaughtException(string where, Exception e) => logger.LogError(e, "{GrainId} exception caught at {Location}", GrainId, where);

    public void CaughtUserCodeException(string callback, string where, Exception e)
        => logger.LogWarning(e, "{GrainId} exception in {Callback}, called from {Location}", GrainId, callback, where);

    public void Log(LogLevel level, string format, params object[] args)
    {
        if (logger.IsEnabled(level))
        {
            logger.Log(level, "{GrainId} {Message}", GrainId, string.Format(CultureInfo.InvariantCulture, format, args));
        }
    }
}
