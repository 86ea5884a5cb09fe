using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Posting;

/// <summary>
/// A legal entity's intake, folded from <see cref="PostingIntakeEvent"/>s: the receipt of every fact (fact id →
/// journal key), the outbox of journals not yet handed to the posting grain, and the held facts. Journals leave
/// the state once handed on, so it grows by one short receipt per fact. Public get/set for JSON snapshots.
/// </summary>
public sealed class PostingIntakeState
{
    /// <summary>Fact id → journal key, for every fact ever accepted or held.</summary>
    public Dictionary<string, string> Receipts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Journals built but not yet durably queued by the posting grain, oldest first.</summary>
    public List<PostingRequest> Outbox { get; set; } = [];

    /// <summary>Facts that moved no money and so have no journal.</summary>
    public HashSet<string> NotPosted { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Facts held by fact id.</summary>
    public Dictionary<string, HeldFact> Held { get; set; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Apply(PostingIntakeEvent @event)
    {
        switch (@event)
        {
            case FactAccepted e:
                Receipts[e.Request.Journal.FactId] = e.Request.Journal.JournalKey;
                Outbox.Add(e.Request);
                break;
            case FactHeld e:
                Receipts[e.Held.Fact.FactId] = e.JournalKey;
                Held[e.Held.Fact.FactId] = e.Held;
                break;
            case HeldFactReleased e:
                Held.Remove(e.Request.Journal.FactId);
                Outbox.Add(e.Request);
                break;
            case FactNotPosted e:
                Receipts[e.FactId] = e.JournalKey;
                NotPosted.Add(e.FactId);
                Held.Remove(e.FactId);
                break;
            case JournalsHandedOn e:
                var handed = e.JournalKeys.ToHashSet(StringComparer.Ordinal);
                Outbox.RemoveAll(r => handed.Contains(r.Journal.JournalKey));
                break;
            default:
                throw new InvalidOperationException($"Unknown posting intake event {@event.GetType().Name}.");
        }
    }
}
