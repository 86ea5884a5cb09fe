using Orleans;
using Parity.GrainInterfaces.Exceptions;

namespace Parity.GrainInterfaces.Posting;

/// <summary>
/// The exception source of posting for one legal entity (key = legal entity): the console's retry or replay of an
/// ErpRejected exception rebuilds the journal through <see cref="Erp.IErpPostingGrain.RetryRejectedAsync"/>, of an
/// UnmappedTaxCode or UnbalancedJournal exception through <see cref="IPostingIntakeGrain.RetryHeldAsync"/>. Both
/// rebuild under the same journal key, so the ERP dedupes and nothing is posted twice. Posting takes no edits: the
/// fix is the mapping in configuration (<c>Parity:Erp:Posting</c>, reloaded without a restart).
/// </summary>
[Alias("parity.posting.IPostingExceptionSourceGrain")]
public interface IPostingExceptionSourceGrain : IExceptionSource
{
    /// <summary>The source kind posting's exceptions carry (<see cref="ExceptionSourceRef.Kind"/>).</summary>
    const string SourceKind = "posting";
}
