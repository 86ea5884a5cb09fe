using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements;

/// <summary>An event of a provider's receivables journal.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(CaptureRecorded), "capture-recorded")]
[JsonDerivedType(typeof(CapturesSettled), "captures-settled")]
public abstract record ReceivablesEvent;

/// <summary>An order's payment was captured.</summary>
/// <param name="Capture">The capture.</param>
public sealed record CaptureRecorded(CaptureRecord Capture) : ReceivablesEvent;

/// <summary>A batch settled captures.</summary>
/// <param name="BatchKey">The batch.</param>
/// <param name="References">The captures.</param>
/// <param name="SettledAt">When the money was paid out.</param>
public sealed record CapturesSettled(string BatchKey, IReadOnlyList<string> References, DateTimeOffset SettledAt) : ReceivablesEvent;

/// <summary>A provider's captures by reference. Public get/set members so that it round-trips through a JSON snapshot.</summary>
public sealed class ReceivablesState
{
    /// <summary>Captures by provider reference.</summary>
    public Dictionary<string, CaptureRecord> Captures { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Folds one event.</summary>
    public void Apply(ReceivablesEvent e)
    {
        switch (e)
        {
            case CaptureRecorded recorded:
                Captures[recorded.Capture.Reference] = recorded.Capture;
                break;
            case CapturesSettled settled:
                foreach (var reference in settled.References)
                {
                    if (Captures.TryGetValue(reference, out var capture) && capture.SettledBy is null)
                    {
                        Captures[reference] = capture with { SettledBy = settled.BatchKey, SettledAt = settled.SettledAt };
                    }
                }

                break;
        }
    }
}
