using System.Globalization;
using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// A conditional append lost: the journal was not at the expected version (another activation wrote first, or the
/// writer's view was ahead of the journal). Nothing of the append was written.
/// </summary>
public sealed class JournalConflictException : JournalStorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grainId">The grain whose journal refused the append.</param>
    /// <param name="expectedVersion">The version the writer expected.</param>
    /// <param name="storedVersion">The journal's version when the conflict was seen, if it could be read.</param>
    /// <param name="innerException">The provider's constraint violation, if any.</param>
    public JournalConflictException(GrainId grainId, long expectedVersion, long? storedVersion, Exception? innerException = null)
        : base(
            $"Append to the journal of {grainId} refused: it expected version {expectedVersion.ToString(CultureInfo.InvariantCulture)} but the journal is at " +
            $"{(storedVersion is { } stored ? stored.ToString(CultureInfo.InvariantCulture) : "an unknown version")}. Nothing was written.",
            innerException)
    {
        GrainId = grainId;
        ExpectedVersion = expectedVersion;
        StoredVersion = storedVersion;
    }

    /// <summary>The grain whose journal refused the append.</summary>
    public GrainId GrainId { get; }

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The journal's version when the conflict was seen; null when it could not be read.</summary>
    public long? StoredVersion { get; }
}
