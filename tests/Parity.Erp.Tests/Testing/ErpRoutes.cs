using System.Collections.Concurrent;
using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Testing;

/// <summary>
/// Which ERP each legal entity posts to, for clusters that several tests share: each test routes its own legal entity
/// to its own sandbox (or recording connector), so an ERP's counts and documents are that test's alone. The silos
/// find the routes by <see cref="Id"/> (test silos are built from configuration, not from objects), and
/// <see cref="RoutedErpConnector"/> follows them; the routes outlive a silo restart.
/// </summary>
public sealed class ErpRoutes : IDisposable
{
    private static readonly ConcurrentDictionary<string, ErpRoutes> Registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IErpConnector> _byLegalEntity = new(StringComparer.Ordinal);

    /// <param name="fallback">The ERP of legal entities without a route of their own; none when null.</param>
    public ErpRoutes(IErpConnector? fallback = null)
    {
        Fallback = fallback;
        Registered[Id] = this;
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public IErpConnector? Fallback { get; }

    /// <summary>The routes registered under <paramref name="id"/>.</summary>
    public static ErpRoutes Find(string id) =>
        Registered.TryGetValue(id, out var routes) ? routes : throw new InvalidOperationException($"No ERP routes are registered as '{id}'.");

    /// <summary>Sends <paramref name="legalEntity"/>'s journals to <paramref name="connector"/>.</summary>
    public void Route(string legalEntity, IErpConnector connector)
    {
        if (!_byLegalEntity.TryAdd(legalEntity, connector))
        {
            throw new InvalidOperationException($"Legal entity '{legalEntity}' is routed already: every test needs a legal entity of its own.");
        }
    }

    /// <summary>Sends <paramref name="legalEntity"/>'s journals to <paramref name="sandbox"/> over HTTP, as a silo configured
    /// with the sandbox's base URL would.</summary>
    public void Route(string legalEntity, SandboxServer sandbox) => Route(legalEntity, sandbox.Connector);

    public IErpConnector? For(string legalEntity) => _byLegalEntity.TryGetValue(legalEntity, out var connector) ? connector : Fallback;

    public void Dispose() => Registered.TryRemove(Id, out _);
}
