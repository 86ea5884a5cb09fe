using Parity.GrainInterfaces.Erp;

namespace Parity.Grains.Posting;

/// <summary>
/// The connector of a silo with no ERP configured: every journal is a transient failure, so journals queue durably
/// (visible in the posting grain's status and as an ErpUnavailable exception) until an ERP is configured and the
/// silo restarted. Chosen over a recording stub so that nothing looks posted that no ERP has seen.
/// </summary>
public sealed class UnconfiguredErpConnector : IErpConnector
{
    /// <inheritdoc />
    public Task<ErpOutcome> PostAsync(ErpJournal journal, CancellationToken cancellationToken) =>
        Task.FromResult<ErpOutcome>(new ErpTransient(null, $"No ERP is configured ({ErpPostingOptions.SectionName}:BaseUrl); the journal stays queued."));
}
