using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Parity.GrainInterfaces.Erp;

namespace Parity.Grains.Posting;

/// <summary>
/// Writes posted journals in hledger's journal format, one file per legal entity and posting day
/// (<c>{directory}/{legal entity}/{yyyy-MM-dd}.journal</c>), so an independent accounting engine can check them
/// (<c>hledger check --strict</c>, <c>hledger balance</c>). Idempotent by journal key: each transaction carries its
/// key as hledger's transaction code, and a key already in the file is not written again. Accounts and
/// commodities are declared, so strict checks pass. Thread-safe within the process.
/// </summary>
public sealed partial class HledgerExporter
{
    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly PostingRuleBook _rules;
    private readonly Dictionary<string, FileContents> _files = new(StringComparer.Ordinal);

    /// <summary>Exports under <paramref name="directory"/>, naming accounts from the chart of <paramref name="rules"/>.</summary>
    public HledgerExporter(string directory, PostingRuleBook rules)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = Path.GetFullPath(directory);
        _rules = rules;
    }

    /// <summary>The file that holds the journals of <paramref name="legalEntity"/> posted on <paramref name="day"/>.</summary>
    public string PathOf(string legalEntity, DateOnly day) =>
        Path.Combine(_directory, SafeName(legalEntity), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".journal");

    /// <summary>The hledger account name of an ERP account number: its chart name, or <c>unknown:{number}</c>.</summary>
    public string AccountName(string account) =>
        _rules.Current.Accounts.TryGetValue(account, out var name) && name.Length > 0 ? name : $"unknown:{account}";

    /// <summary>Appends <paramref name="journal"/> unless its key is already in its file; true when written.</summary>
    public bool Export(ErpJournal journal, string documentId)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var path = PathOf(journal.LegalEntity, journal.PostingDate);
        lock (_lock)
        {
            var file = Load(path);
            if (file.Keys.Contains(journal.JournalKey))
            {
                return false;
            }

            var text = new StringBuilder();
            if (file.Commodities.Add(journal.Currency))
            {
                text.Append("commodity ").Append(journal.Currency).Append('\n');
            }

            foreach (var line in journal.Lines)
            {
                var account = AccountName(line.Account);
                if (file.Accounts.Add(account))
                {
                    text.Append("account ").Append(account).Append('\n');
                }
            }

            text.Append('\n')
                .Append(journal.PostingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(" * (").Append(journal.JournalKey).Append(") ").Append(Clean(journal.Description))
                .Append("  ; erp:").Append(Clean(documentId)).Append(", fact:").Append(Clean(journal.FactId))
                .Append(", rule:").Append(journal.RuleId);
            if (journal.ReversesJournalKey is not null)
            {
                text.Append(", reverses:").Append(journal.ReversesJournalKey);
            }

            text.Append('\n');
            foreach (var line in journal.Lines)
            {
                var signed = line.Side == JournalSide.Debit ? line.Amount : -line.Amount;
                text.Append("    ").Append(AccountName(line.Account)).Append("  ")
                    .Append(signed.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(journal.Currency)
                    .Append("  ; account:").Append(line.Account).Append(", channel:").Append(Clean(line.Channel))
                    .Append(", location:").Append(Clean(line.Location)).Append('\n');
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, text.ToString());
            file.Keys.Add(journal.JournalKey);
            return true;
        }
    }

    private FileContents Load(string path)
    {
        if (_files.TryGetValue(path, out var known))
        {
            return known;
        }

        // Another process (or an earlier run) may have written the file: learn what it holds once.
        var contents = new FileContents();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("commodity ", StringComparison.Ordinal)) contents.Commodities.Add(line[10..].Trim());
                else if (line.StartsWith("account ", StringComparison.Ordinal)) contents.Accounts.Add(line[8..].Trim());
                else if (TransactionCode().Match(line) is { Success: true } match) contents.Keys.Add(match.Groups[1].Value);
            }
        }

        _files[path] = contents;
        return contents;
    }

    // hledger ends a description at ';' and a tag value at ','; newlines would end the transaction.
    private static string Clean(string text) => text.Replace(';', ' ').Replace(',', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} [*!]? ?\(([^)]+)\)")]
    private static partial Regex TransactionCode();

    private sealed class FileContents
    {
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Accounts { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Commodities { get; } = new(StringComparer.Ordinal);
    }
}
