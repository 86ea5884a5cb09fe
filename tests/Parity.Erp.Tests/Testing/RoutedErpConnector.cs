using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Testing;

/// <summary>The silo's ERP in a shared test cluster: posts each journal to the ERP its legal entity is routed to.</summary>
internal sealed class RoutedErpConnector(ErpRoutes routes) : IErpConnector
{
    public Task<ErpOutcome> PostAsync(ErpJournal journal, CancellationToken cancellationToken) =>
        routes.For(journal.LegalEntity) is { } connector
            ? connector.PostAsync(journal, cancellationToken)

            // Permanent, so a test that forgot a route fails on an ErpRejected instead of retrying quietly.
            : Task.FromResult<ErpOutcome>(new ErpRejected("NoRoute", $"The test routed no ERP for legal entity '{journal.LegalEntity}'."));
}
