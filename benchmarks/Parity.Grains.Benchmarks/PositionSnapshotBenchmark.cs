using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Providers.Journal;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// What one journal snapshot of a busy inventory position costs: the JSON the journal writes after an append (the
/// grain's whole folded state, with the journal's default JSON options) and reads back at activation, for a position
/// holding <see cref="ActiveReservations"/> open reservations (each also a remembered request). The cost grows with the
/// state, which is why the position asks for one snapshot per state size (<c>IJournalSnapshotPolicy</c>) rather than
/// one every 100 events.
/// </summary>
[MemoryDiagnoser]
public class PositionSnapshotBenchmark
{
    private InventoryPositionGrainState _state = null!;
    private string _snapshot = "";

    /// <summary>Open reservations on the position.</summary>
    [Params(1_000, 10_000)]
    public int ActiveReservations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var state = new InventoryPositionGrainState();
        state.Initialize(new PositionKey("SNAP-SKU", "DC-1"));
        state.Apply(new InventoryReceived(ActiveReservations * 2, 0, "PO-1"));
        var at = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < ActiveReservations; i++)
        {
            var id = i.ToString(CultureInfo.InvariantCulture);
            state.Apply(new Reserved("res-" + id, "req-" + id, "web", "web:req-" + id, 1, ReservationKind.Order, null, 0, at.AddMilliseconds(i)));
        }

        _state = state;
        _snapshot = WriteSnapshot();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// snapshot of {ActiveReservations:N0} open reservations: {_snapshot.Length:N0} characters, state size {state.Size:N0}"));
    }

    [Benchmark(Baseline = true, Description = "write (after an append)")]
    public string WriteSnapshot() => JsonSerializer.Serialize(_state, ParityJournal.DefaultJsonOptions);

    [Benchmark(Description = "read (at activation)")]
    public InventoryPositionGrainState? ReadSnapshot() => JsonSerializer.Deserialize<InventoryPositionGrainState>(_snapshot, ParityJournal.DefaultJsonOptions);
}
