using System.Collections.Concurrent;
using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Testing;

/// <summary>An in-process ERP for grain tests: dedupes by external id like a real one, counts every call, and can be
/// told to answer a legal entity's next calls with a given outcome (per legal entity, so tests sharing it stay apart).</summary>
public sealed class RecordingErpConnector : IErpConnector
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ErpOutcome>> _scripted = new(StringComparer.Ordinal);
    private int _calls;
    private int _nextDocument;

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyDictionary<string, string> Documents => _documents;

    public ConcurrentQueue<ErpJournal> Received { get; } = new();

    /// <summary>Answers <paramref name="legalEntity"/>'s next calls with these outcomes instead of posting.</summary>
    public void Script(string legalEntity, params ErpOutcome[] outcomes)
    {
        var queue = _scripted.GetOrAdd(legalEntity, _ => new ConcurrentQueue<ErpOutcome>());
        foreach (var outcome in outcomes)
        {
            queue.Enqueue(outcome);
        }
    }

    public Task<ErpOutcome> PostAsync(ErpJournal journal, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Received.Enqueue(journal);
        if (_scripted.TryGetValue(journal.LegalEntity, out var scripted) && scripted.TryDequeue(out var outcome))
        {
            return Task.FromResult(outcome);
        }

        if (_documents.TryGetValue(journal.JournalKey, out var existing))
        {
            return Task.FromResult<ErpOutcome>(new ErpDuplicate(existing));
        }

        var id = _documents.GetOrAdd(journal.JournalKey, _ => $"DOC-{Interlocked.Increment(ref _nextDocument)}");
        return Task.FromResult<ErpOutcome>(new ErpPosted(id));
    }
}
