using Npgsql;

namespace Parity.LoadTest.Baseline;

/// <summary>
/// The naive design the load test compares Parity with: one PostgreSQL row per SKU-location holding the units still
/// available, and one conditional <c>UPDATE … WHERE available &gt;= qty</c> per reservation. The row lock serialises
/// every reservation of a hot SKU-location, each one waiting for the previous one's commit (and its WAL flush).
/// It never goes below zero; it knows nothing of channels, tiers, SafetyStock or caps.
/// </summary>
internal sealed class SqlRowLockStore(string connectionString) : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS loadtest_stock (
            sku text NOT NULL,
            location text NOT NULL,
            available integer NOT NULL,
            PRIMARY KEY (sku, location));
        """;

    private const string Reserve = "UPDATE loadtest_stock SET available = available - @qty WHERE sku = @s AND location = @l AND available >= @qty";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>Creates the table if needed and sets <paramref name="available"/> units at each position (upsert).</summary>
    public async Task SeedAsync(IEnumerable<(string Sku, string Location)> positions, int available, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(Schema, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (sku, location) in positions)
        {
            await using var upsert = new NpgsqlCommand(
                "INSERT INTO loadtest_stock (sku, location, available) VALUES (@s, @l, @a) ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available",
                connection);
            upsert.Parameters.AddWithValue("s", sku);
            upsert.Parameters.AddWithValue("l", location);
            upsert.Parameters.AddWithValue("a", available);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes <paramref name="quantity"/> units if that many are available; one autocommitted statement.</summary>
    /// <returns>True when the row had enough and was decremented.</returns>
    public async Task<bool> TryReserveAsync(string sku, string location, int quantity, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(Reserve);
        command.Parameters.AddWithValue("qty", quantity);
        command.Parameters.AddWithValue("s", sku);
        command.Parameters.AddWithValue("l", location);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Takes every line's units in one transaction, all or nothing (rows locked in key order: no deadlocks).</summary>
    public async Task<bool> TryReserveAllAsync(IReadOnlyList<(string Sku, string Location, int Quantity)> lines, CancellationToken cancellationToken = default)
    {
        if (lines.Count == 1)
        {
            return await TryReserveAsync(lines[0].Sku, lines[0].Location, lines[0].Quantity, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Location, StringComparer.Ordinal))
        {
            await using var command = new NpgsqlCommand(Reserve, connection, transaction);
            command.Parameters.AddWithValue("qty", line.Quantity);
            command.Parameters.AddWithValue("s", line.Sku);
            command.Parameters.AddWithValue("l", line.Location);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Units still available at a position, or null when it has no row.</summary>
    public async Task<int?> AvailableAsync(string sku, string location, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT available FROM loadtest_stock WHERE sku = @s AND location = @l");
        command.Parameters.AddWithValue("s", sku);
        command.Parameters.AddWithValue("l", location);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int available ? available : null;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
