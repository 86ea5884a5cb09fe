using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// Everything the inventory position grain folds from its journal: the position's ledger
/// (<see cref="InventoryPositionState"/>), the answers of commands already decided (so a retried movement moves
/// nothing twice), and the outbox of notices not yet delivered. Serializes to a JSON snapshot and back to an
/// equal state.
/// </summary>
public sealed class InventoryPositionGrainState
{
    private readonly Dictionary<string, RecordedCommand> _commands = new(StringComparer.Ordinal);
    private readonly Queue<string> _commandOrder = new();
    private readonly List<PendingNotice> _notices = [];

    /// <summary>The position's figures and reservations; null until the grain names its position.</summary>
    [JsonIgnore]
    public InventoryPositionState? Ledger { get; private set; }

    /// <summary>The ledger as a snapshot (the JSON form of <see cref="Ledger"/>).</summary>
    public InventoryPositionSnapshot? LedgerSnapshot
    {
        get => Ledger?.ToSnapshot();
        set => Ledger = value is null ? null : InventoryPositionState.FromSnapshot(value);
    }

    /// <summary>Commands remembered, oldest first; at most <see cref="InventoryPositionState.OutcomeRetention"/>.</summary>
    public IReadOnlyList<RecordedCommand> Commands
    {
        get => _commandOrder.Select(id => _commands[id]).ToList();
        set
        {
            _commands.Clear();
            _commandOrder.Clear();
            foreach (var command in value)
            {
                Remember(command, int.MaxValue);
            }
        }
    }

    /// <summary>Notices not yet delivered, in the order they were raised.</summary>
    public IReadOnlyList<PendingNotice> Notices
    {
        get => _notices;
        set
        {
            _notices.Clear();
            _notices.AddRange(value);
        }
    }

    /// <summary>Roughly how many records a snapshot holds: remembered requests (active reservations included),
    /// remembered commands and pending notices.</summary>
    [JsonIgnore]
    public int Size => (Ledger?.RememberedRequests ?? 0) + _commands.Count + _notices.Count;

    /// <summary>Names the position the ledger is about; a no-op once named.</summary>
    public void Initialize(PositionKey position) => Ledger ??= new InventoryPositionState(position);

    /// <summary>The original answer of a command already decided.</summary>
    public bool TryGetCommand(string eventId, out RecordedCommand command) => _commands.TryGetValue(eventId, out command!);

    /// <summary>Folds one journal event.</summary>
    public void Apply(InventoryEvent e)
    {
        var ledger = Ledger ?? throw new InvalidOperationException("Initialize the position before folding events.");
        ledger.Apply(e);
        switch (e)
        {
            case ReservationPreempted preempted:
                _notices.Add(new PendingNotice($"preempted:{preempted.ReservationId}", ledger.Version, preempted, null, null, null, null));
                break;
            case ReservationExpired expired:
                _notices.Add(new PendingNotice($"expired:{expired.ReservationId}", ledger.Version, null, expired, null, null, null));
                break;
            case MovementRecorded movement:
                Remember(new RecordedCommand(movement.EventId, movement.Result, null, movement.Fingerprint), ledger.OutcomeRetention);
                if (movement.Result.NegativeStock is { } negative)
                {
                    _notices.Add(new PendingNotice(
                        $"negative-stock:{movement.EventId}", ledger.Version, null, null, negative, movement.EventId, movement.CorrelationId));
                }

                break;
            case ReleaseRecorded release:
                Remember(new RecordedCommand(release.EventId, null, release.Result), ledger.OutcomeRetention);
                break;
            case NoticeDelivered delivered:
                var index = _notices.FindIndex(n => n.Id == delivered.NoticeId);
                if (index >= 0)
                {
                    _notices.RemoveAt(index);
                }

                break;
        }
    }

    private void Remember(RecordedCommand command, int retention)
    {
        if (!_commands.TryAdd(command.EventId, command))
        {
            return;
        }

        _commandOrder.Enqueue(command.EventId);
        while (_commandOrder.Count > retention)
        {
            _commands.Remove(_commandOrder.Dequeue());
        }
    }
}
