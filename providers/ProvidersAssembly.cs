namespace Parity.Providers;

/// <summary>Marks the assembly of Parity's Orleans providers: the event journal, SQLite reminders and schema migration.</summary>
public static class ProvidersAssembly;
