using System.Collections.Concurrent;
using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Testing;

/// <summary>An in-process ERP for grain tests: dedupes by external id like a real one, counts every call, and can be
/// told to answer the next calls with a given outcome.</summary>
internal sealed class RecordingErpConnector : IErpConnector
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ErpOutcome> _scripted = new();
    private int _calls;
    private int _nextDocument;

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyDictionary<string, string> Documents => _documents;

    public ConcurrentQueue<ErpJournal> Received { get; } = new();

    /// <summary>Answers the next calls with these outcomes instead of posting.</summary>
    public void Script(params ErpOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _scripted.Enqueue(outcome);
        }
    }

    public Task<ErpOutcome> PostAsync(ErpJournal journal, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Received.Enqueue(journal);
        if (_scripted.TryDequeue(out var scripted))
        {
            return Task.FromResult(scripted);
        }

        if (_documents.TryGetValue(journal.JournalKey, out var existing))
        {
            return Task.FromResult<ErpOutcome>(new ErpDuplicate(existing));
        }

        var id = _documents.GetOrAdd(journal.JournalKey, _ => $"DOC-{Interlocked.Increment(ref _nextDocument)}");
        return Task.FromResult<ErpOutcome>(new ErpPosted(id));
    }
}
