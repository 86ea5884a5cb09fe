using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace Parity.TestInfrastructure;

/// <summary>
/// A PostgreSQL server for tests: a throwaway one started from the machine's binaries (initdb into
/// a temp directory, random port, 127.0.0.1 only, fsync off), or the server named by the
/// <c>PARITY_TEST_POSTGRES</c> connection string. Missing binaries are a failure with a clear
/// message, in CI and locally alike: a database test that cannot run must not pass as skipped.
/// Use as an xunit collection fixture; each test gets its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>Name to give the collection definition in each test project.</summary>
    public const string CollectionName = "PostgreSQL";

    /// <summary>Environment variable holding a connection string to use instead of a throwaway server.</summary>
    public const string ConnectionStringVariable = "PARITY_TEST_POSTGRES";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _createdDatabases = [];
    private string? _adminConnectionString;
    private string? _tempDirectory;
    private string? _binDirectory;
    private bool _runAsPostgresUser;
    private bool _started;

    /// <summary>Connection string of the server's maintenance database (superuser on a throwaway server).</summary>
    public string AdminConnectionString => _adminConnectionString ?? throw new InvalidOperationException("The PostgreSQL fixture is not initialised.");

    /// <summary>
    /// Keep PostgreSQL's durable defaults (fsync, synchronous commit) for a throwaway server. Tests leave it off for
    /// speed; benchmarks turn it on so their figures include the commit flush a production server pays.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>True when the server was started by this fixture (and will be deleted with it).</summary>
    public bool IsThrowaway => _tempDirectory is not null;

    /// <summary>Starts the throwaway server, or checks the configured one answers.</summary>
    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _adminConnectionString = configured;
            await WaitUntilReadyAsync(configured).ConfigureAwait(false);
            return;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(MissingBinariesMessage());
        _runAsPostgresUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        _tempDirectory = Path.Combine(Path.GetTempPath(), "parity-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_tempDirectory);
        if (_runAsPostgresUser)
        {
            // PostgreSQL refuses to run as root; the data directory must belong to the user that runs it.
            await RunAsync("chown", ["postgres:postgres", _tempDirectory], asPostgres: false).ConfigureAwait(false);
        }

        var dataDirectory = Path.Combine(_tempDirectory, "data");
        await RunAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
            asPostgres: _runAsPostgresUser).ConfigureAwait(false);

        // A free port can be taken between probing and binding: try a few.
        Exception? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), string.Join('\n',
                "",
                "# parity test fixture",
                "listen_addresses = '127.0.0.1'",
                $"port = {port.ToString(CultureInfo.InvariantCulture)}",
                $"unix_socket_directories = '{_tempDirectory}'",
                Durable ? "" : "fsync = off",
                Durable ? "" : "synchronous_commit = off",
                Durable ? "" : "full_page_writes = off",
                "max_connections = 200",
                "shared_buffers = 32MB",
                "")).ConfigureAwait(false);
            try
            {
                await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
                    ["start", "-D", dataDirectory, "-l", Path.Combine(_tempDirectory, "server.log"), "-w", "-t", "60", "-s"],
                    asPostgres: _runAsPostgresUser).ConfigureAwait(false);
                _started = true;
                _adminConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    IncludeErrorDetail = true,
                }.ConnectionString;
                await WaitUntilReadyAsync(_adminConnectionString).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException ex)
            {
                lastError = ex;
            }
        }

        throw new InvalidOperationException($"The throwaway PostgreSQL server did not start. Log:\n{ReadLog()}", lastError);
    }

    /// <summary>Creates a new empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var clean = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        var name = $"parity_{clean}_{Guid.NewGuid():N}"; // at most 60 characters: under PostgreSQL's 63.
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops and deletes a throwaway server; drops the databases created on a configured one.</summary>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!IsThrowaway)
        {
            if (_adminConnectionString is not null)
            {
                await DropCreatedDatabasesAsync().ConfigureAwait(false);
            }

            return;
        }

        try
        {
            if (_started)
            {
                await RunAsync(Path.Combine(_binDirectory!, "pg_ctl"),
                    ["stop", "-D", Path.Combine(_tempDirectory!, "data"), "-m", "immediate", "-w", "-s"],
                    asPostgres: _runAsPostgresUser).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(_tempDirectory!, recursive: true);
        }
    }

    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (_createdDatabases)
        {
            names = [.. _createdDatabases];
        }

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static async Task WaitUntilReadyAsync(string connectionString)
    {
        // pg_ctl -w already waited; this covers a configured server and proves TCP login works.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException && deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private static string? FindBinDirectory()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => HasServerBinaries(c.Dir))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServerBinaries(dir))
            {
                // Resolve a symlinked initdb so pg_ctl finds postgres beside its real location.
                var initdb = new FileInfo(Path.Combine(dir, "initdb"));
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
                return target is null ? dir : Path.GetDirectoryName(target.FullName);
            }
        }

        return null;
    }

    private static bool HasServerBinaries(string dir)
        => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

    private static string MissingBinariesMessage()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found under /usr/lib/postgresql/*/bin or on PATH. " +
               $"Install the Debian 'postgresql' package (.ci/run does so when they are missing) or set {ConnectionStringVariable} " +
               "to the connection string of a server on which the tests may create databases. " +
               (ci ? "CI=true: a missing PostgreSQL fails the run; these tests are never skipped." : "These tests are never skipped.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string ReadLog()
    {
        var log = Path.Combine(_tempDirectory ?? "", "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", fileName])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout + TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{(asPostgres ? "runuser -u postgres -- " : "")}{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }
    }
}
