
namespace Parity.GrainInterfaces.StoreDays;

/// <summary>A POS batch the store day cannot record as sent: a ticket does not balance, a field is out of range, or the
/// batch id was already used for other content. Nothing of the batch was recorded.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.storedays.InvalidPosBatchException")]
public sealed class InvalidPosBatchException : ParityException
{
    /// <summary>Creates the exception.</summary>
    public InvalidPosBatchException(string message) : base(message) { }
}
