using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parity.Runtime.Hosting;

namespace Parity.Runtime.Storage.AdoNet;

/// <summary>
/// The one database of a silo and the journal that writes to it. Opened once, at start (schema applied then),
/// and shared by journal, grain state, reminders and membership. Disposal flushes the journal's coalescing
/// writer before the database closes, whatever order the container disposes services in.
/// </summary>
internal sealed class AdoNetSiloStorage : ISiloStartupTask, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly Lazy<Task<AdoNetDatabase>> _database;
    private readonly Lock _lock = new();
    private AdoNetJournalStorage? _journal;

    public AdoNetSiloStorage(AdoNetStorageOptions options, ILoggerFactory? loggerFactory)
    {
        Options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Parity.Storage.AdoNet");

        // Not tied to a start token: a cancelled start must not leave a cancelled database behind for a retry.
        _database = new Lazy<Task<AdoNetDatabase>>(() => AdoNetDatabase.OpenAsync(Options, CancellationToken.None));
    }

    public AdoNetStorageOptions Options { get; }

    /// <summary>
    /// The opened database. The hosted silo opens it in <see cref="StartAsync"/>; a silo composed without a
    /// host (or a service resolved before start) opens it here, once.
    /// </summary>
    public AdoNetDatabase Database => _database.Value.GetAwaiter().GetResult();

    public AdoNetJournalStorage Journal
    {
        get
        {
            lock (_lock)
            {
                return _journal ??= new AdoNetJournalStorage(Database);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation(
            "ADO.NET storage options: Provider={Provider} ConnectionString={ConnectionString} ClusterId={ClusterId} CoalesceAppends={Coalesce} MaxBatchSize={MaxBatchSize} CreateSchema={CreateSchema}",
            Options.Provider, Redact(Options.ConnectionString), Options.ClusterId, Options.CoalesceAppends, Options.MaxBatchSize, Options.CreateSchema);
        await _database.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        AdoNetJournalStorage? journal;
        lock (_lock)
        {
            journal = _journal;
        }

        if (journal is not null)
        {
            await journal.DisposeAsync().ConfigureAwait(false);
        }

        if (_database.IsValueCreated && _database.Value.IsCompletedSuccessfully)
        {
            await _database.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The connection string with every password-like value replaced, for logs.</summary>
    internal static string Redact(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToArray())
            {
                if (key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Unparseable: logging it could leak a password; validation reports the problem.
            return "(unparseable)";
        }
    }
}
