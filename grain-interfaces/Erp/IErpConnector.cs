namespace Parity.GrainInterfaces.Erp;

/// <summary>
/// The one interface every ERP connector implements. Implementations map every answer of their ERP to an
/// <see cref="ErpOutcome"/> and never throw for ERP failures: a timeout or a broken connection is
/// <see cref="ErpTransient"/>. The ERP must dedupe by <see cref="ErpJournal.JournalKey"/> (external id).
/// </summary>
public interface IErpConnector
{
    /// <summary>Sends one journal.</summary>
    /// <param name="journal">The journal.</param>
    /// <param name="cancellationToken">Cancels the call (reported as transient).</param>
    /// <returns>What the ERP made of it.</returns>
    Task<ErpOutcome> PostAsync(ErpJournal journal, CancellationToken cancellationToken);
}
