using Parity.Providers.Schema;

namespace Parity.Silo.Schema;

/// <summary>
/// Brings the database's schema up to date as the silo's very first start step, before membership, storage, reminders
/// or journals touch it (<c>Parity:Storage:MigrateOnStart</c>, on by default). The migration is idempotent and safe
/// from several silos at once; a cluster that prefers one explicit step sets the key to false and runs the
/// <c>migrate</c> verb instead. A failed migration fails the start.
/// </summary>
internal sealed class SchemaMigrationOnStart(SiloSettings settings, ILogger<SchemaMigrationOnStart> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationOnStart), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = settings.SchemaDialect ?? throw new InvalidOperationException($"{settings.Storage} storage has no schema to migrate.");
        SchemaFiles.PrepareDirectory(settings);
        // The migration logs what it applied.
        await ParitySchema.MigrateAsync(dialect, settings.ConnectionString, logger, cancellationToken);
    }
}
