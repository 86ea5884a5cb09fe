using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Validation;

/// <summary>
/// Whether the SKUs and locations a request names are known. Every inventory request passes through here once its
/// syntax is valid, so a catalog can refuse unknown references (422) in this one place. Register an implementation
/// before <c>AddParityGateway</c> to replace the default, which knows everything.
/// </summary>
public interface ICatalogCheck
{
    /// <summary>The references among <paramref name="positions"/> the catalog does not know.</summary>
    /// <param name="positions">SKU-locations named by the request.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    ValueTask<CatalogVerdict> CheckAsync(IReadOnlyCollection<PositionKey> positions, CancellationToken cancellationToken);
}

/// <summary>What a catalog did not recognise.</summary>
/// <param name="UnknownSkus">SKUs not in the catalog.</param>
/// <param name="UnknownLocations">Locations not in the catalog.</param>
public sealed record CatalogVerdict(IReadOnlyCollection<string> UnknownSkus, IReadOnlyCollection<string> UnknownLocations)
{
    /// <summary>Everything is known.</summary>
    public static CatalogVerdict AllKnown { get; } = new([], []);

    /// <summary>Whether nothing is unknown.</summary>
    public bool IsAllKnown => UnknownSkus.Count == 0 && UnknownLocations.Count == 0;
}

/// <summary>The default until a catalog exists: every well-formed SKU and location is known.</summary>
internal sealed class OpenCatalogCheck : ICatalogCheck
{
    public ValueTask<CatalogVerdict> CheckAsync(IReadOnlyCollection<PositionKey> positions, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CatalogVerdict.AllKnown);
}
