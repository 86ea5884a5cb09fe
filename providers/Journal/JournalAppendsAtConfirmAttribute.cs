namespace Parity.Providers.Journal;

/// <summary>
/// Marks a journaled grain whose events the Parity journal writes only when the grain confirms them
/// (<c>ConfirmEvents</c>), so everything one call raises goes into one atomic append. Without it the journal starts
/// writing at the call's first await: a call that raises, then waits for other grains, then raises more could be
/// found half-written after a crash, and its retry would meet its own first events. For grains that are not
/// reentrant and end every call by confirming.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class JournalAppendsAtConfirmAttribute : Attribute;
