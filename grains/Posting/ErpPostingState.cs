using Parity.GrainInterfaces.Erp;

namespace Parity.Grains.Posting;

/// <summary>
/// A legal entity's ERP posting queue, folded from <see cref="ErpPostingEvent"/>s. Journal bodies stay only while
/// queued or rejected; a posted journal is a document id and the sequence of the event that carried its body.
/// Public get/set for JSON snapshots.
/// </summary>
public sealed class ErpPostingState
{
    /// <summary>Events folded so far: the journal sequence of the event being applied is this plus one.</summary>
    public long Applied { get; set; }

    /// <summary>Journals waiting for the ERP, in queue order.</summary>
    public List<QueuedJournal> Queue { get; set; } = [];

    /// <summary>Posted journals by key.</summary>
    public Dictionary<string, PostedJournal> Posted { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Journals the ERP refused, by key.</summary>
    public Dictionary<string, RejectedJournal> Rejected { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The ERP outage under way (raised as ErpUnavailable, not yet resolved), or null.</summary>
    public ErpOutage? Outage { get; set; }

    /// <summary>Whether a journal key is queued, posted or rejected.</summary>
    public bool Knows(string journalKey) =>
        Posted.ContainsKey(journalKey) || Rejected.ContainsKey(journalKey) || Queue.Exists(q => q.Request.Journal.JournalKey == journalKey);

    /// <inheritdoc />
    public void Apply(ErpPostingEvent @event)
    {
        var sequence = ++Applied;
        switch (@event)
        {
            case JournalQueued e:
                Queue.Add(new QueuedJournal(e.Request, e.QueuedAt, sequence));
                Outage?.Queued(Queue.Count);
                break;
            case RejectedJournalRequeued e:
                Rejected.Remove(e.Request.Journal.JournalKey);
                Queue.Add(new QueuedJournal(e.Request, e.QueuedAt, sequence, Touched: true));
                Outage?.Queued(Queue.Count);
                break;
            case JournalPosted e:
                var posted = Queue.FindIndex(q => q.Request.Journal.JournalKey == e.JournalKey);
                if (posted >= 0)
                {
                    Posted[e.JournalKey] = new PostedJournal(e.DocumentId, Queue[posted].Sequence, e.PostedAt);
                    Queue.RemoveAt(posted);
                }

                if (Outage is { BackAt: null })
                {
                    Outage.BackAt = e.PostedAt;
                }

                break;
            case JournalRejected e:
                var rejected = Queue.FindIndex(q => q.Request.Journal.JournalKey == e.JournalKey);
                if (rejected >= 0)
                {
                    Rejected[e.JournalKey] = new RejectedJournal(Queue[rejected].Request, e.Category, e.Message, sequence, Reported: false);
                    Queue.RemoveAt(rejected);
                }

                break;
            case RejectionReported e:
                if (Rejected.TryGetValue(e.JournalKey, out var held))
                {
                    Rejected[e.JournalKey] = held with { Reported = true };
                }

                break;
            case ErpOutageBegan e:
                Outage = new ErpOutage { TraceKey = e.TraceKey, StartedAt = e.StartedAt, Reason = e.Reason, MaxQueued = Queue.Count };
                break;
            case ErpOutageEnded:
                Outage = null;
                break;
            default:
                throw new InvalidOperationException($"Unknown ERP posting event {@event.GetType().Name}.");
        }
    }
}

/// <summary>A journal waiting for the ERP.</summary>
/// <param name="Request">The journal and its fact.</param>
/// <param name="QueuedAt">When it was queued.</param>
/// <param name="Sequence">The sequence of the event that carries it.</param>
public sealed record QueuedJournal(PostingRequest Request, DateTimeOffset QueuedAt, long Sequence, bool Touched = false);

/// <summary>A posted journal.</summary>
/// <param name="DocumentId">The ERP's document id.</param>
/// <param name="Sequence">The sequence of the event that carries its body.</param>
/// <param name="PostedAt">When the ERP confirmed it.</param>
public sealed record PostedJournal(string DocumentId, long Sequence, DateTimeOffset PostedAt);

/// <summary>A journal the ERP refused.</summary>
/// <param name="Request">The journal and its fact.</param>
/// <param name="Category">The ERP's category.</param>
/// <param name="Message">The ERP's message.</param>
/// <param name="Sequence">The sequence of the rejection (a retry that is refused again is a new rejection).</param>
/// <param name="Reported">Whether its ErpRejected exception reached the exception queue.</param>
public sealed record RejectedJournal(PostingRequest Request, string Category, string Message, long Sequence, bool Reported);

/// <summary>An ERP outage as the posting grain follows it, until its exception is resolved. Public get/set for JSON
/// snapshots.</summary>
public sealed class ErpOutage
{
    /// <summary>Its ErpUnavailable exception.</summary>
    public string TraceKey { get; set; } = "";

    /// <summary>The first failed send.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>What the ERP answered when the outage was raised.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The most journals queued at once since it began.</summary>
    public int MaxQueued { get; set; }

    /// <summary>When the ERP first booked a journal again, or null.</summary>
    public DateTimeOffset? BackAt { get; set; }

    /// <summary>Notes the queue's length after a journal joined it.</summary>
    public void Queued(int length) => MaxQueued = Math.Max(MaxQueued, length);
}
