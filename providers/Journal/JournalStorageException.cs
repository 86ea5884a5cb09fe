namespace Parity.Providers.Journal;

/// <summary>
/// A journal read or write failed in the storage (database unreachable, timeout, pool exhausted, ...). Whether a
/// failed append was written is unknown. Stays inside the silo: the log-consistency adaptor turns it into a
/// <see cref="JournalWriteException"/> or <see cref="JournalReadException"/> for callers.
/// </summary>
public class JournalStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalStorageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JournalStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's exception.</summary>
    public JournalStorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
