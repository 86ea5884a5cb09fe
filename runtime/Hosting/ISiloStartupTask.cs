namespace Parity.Runtime.Hosting;

/// <summary>
/// Work that must finish before the silo is constructed and joins (opening a database, applying its schema).
/// The hosted silo runs every registered task first, so providers never open a database synchronously.
/// </summary>
internal interface ISiloStartupTask
{
    Task StartAsync(CancellationToken cancellationToken);
}
