using System.Globalization;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements.Parsing;

/// <summary>A parsed delimited file addressed by column name, with typed reads that name the row and column on failure.</summary>
internal sealed class SettlementTable
{
    private readonly string _provider;
    private readonly Dictionary<string, int> _columns;

    public SettlementTable(string provider, string content, char delimiter, bool quoted, IReadOnlyList<string> requiredColumns)
    {
        _provider = provider;
        var records = DelimitedReader.Read(provider, content, delimiter, quoted);
        if (records.Count == 0)
        {
            throw new SettlementFileException(provider, 0, null, "the file is empty.");
        }

        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var header = records[0].Fields;
        for (var c = 0; c < header.Length; c++)
        {
            _columns.TryAdd(header[c].Trim(), c);
        }

        var missing = requiredColumns.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new SettlementFileException(provider, 1, missing[0],
                $"the header lacks the column{(missing.Count > 1 ? "s" : "")} '{string.Join("', '", missing)}' of the {provider} layout.");
        }

        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Length > header.Length)
            {
                throw new SettlementFileException(provider, record.Row, null,
                    $"it has {record.Fields.Length} fields but the header has {header.Length}.");
            }
        }

        Rows = records.Skip(1).ToList();
    }

    public IReadOnlyList<DelimitedRecord> Rows { get; }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The field's text, empty when absent or blank.</summary>
    public string Text(DelimitedRecord row, string column) =>
        _columns.TryGetValue(column, out var index) && index < row.Fields.Length ? row.Fields[index] : "";

    public string? OptionalText(DelimitedRecord row, string column) => Text(row, column) is { Length: > 0 } text ? text : null;

    public string RequiredText(DelimitedRecord row, string column) =>
        OptionalText(row, column) ?? throw Error(row, column, "a value is required.");

    /// <summary>An amount; blank reads as zero unless <paramref name="required"/>. Accepts a decimal comma when no point is present.</summary>
    public decimal Amount(DelimitedRecord row, string column, bool required = false)
    {
        var text = Text(row, column);
        if (text.Length == 0)
        {
            return required ? throw Error(row, column, "an amount is required.") : 0m;
        }

        var normalized = text.Contains('.', StringComparison.Ordinal) ? text.Replace(",", "", StringComparison.Ordinal) : text.Replace(',', '.');
        if (!decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(row, column, $"'{text}' is not an amount.");
        }

        // Bounded figures keep every total of the file (and of the receivables it settles) exact and finite.
        return Limits.AmountProblem(value, column, currency: null) is { } problem ? throw Error(row, column, problem) : value;
    }

    public DateTimeOffset? Date(DelimitedRecord row, string column, bool required = false)
    {
        var text = Text(row, column);
        if (text.Length == 0)
        {
            return required ? throw Error(row, column, "a date is required.") : null;
        }

        return SettlementDates.TryParse(text, out var value) ? value : throw Error(row, column, $"'{text}' is not a date.");
    }

    public SettlementFileException Error(DelimitedRecord row, string? column, string problem) => new(_provider, row.Row, column, problem);
}

/// <summary>The date forms the providers write: ISO 8601, <c>yyyy-MM-dd HH:mm:ss</c> (UTC unless an offset or zone follows),
/// and Amazon's European <c>dd.MM.yyyy HH:mm:ss UTC</c>.</summary>
internal static class SettlementDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy", "yyyy-MM-ddTHH:mm:ss",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var trimmed = text.Trim();
        foreach (var zone in new[] { " UTC", " GMT", "Z" })
        {
            if (trimmed.EndsWith(zone, StringComparison.OrdinalIgnoreCase) && !trimmed.Contains('+', StringComparison.Ordinal))
            {
                trimmed = trimmed[..^zone.Length].Trim();
                break;
            }
        }

        if (DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            value = new DateTimeOffset(utc, TimeSpan.Zero);
            return true;
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        // Stripe's unix timestamps (created, available_on in API-built reports).
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 100_000_000)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return false;
    }
}
