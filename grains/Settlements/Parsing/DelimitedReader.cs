using System.Text;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements.Parsing;

/// <summary>One record of a delimited file.</summary>
/// <param name="Row">Line number where the record starts (1-based).</param>
/// <param name="Fields">Its fields, unquoted.</param>
internal sealed record DelimitedRecord(int Row, string[] Fields);

/// <summary>
/// Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) and plain tab-separated
/// files (no quoting: Amazon's flat files put quotes in descriptions as ordinary characters). Blank lines are skipped.
/// </summary>
internal static class DelimitedReader
{
    public static List<DelimitedRecord> Read(string provider, string content, char delimiter, bool quoted)
    {
        var records = new List<DelimitedRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordStart = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var i = content.Length > 0 && content[0] == '\uFEFF' ? 1 : 0;

        void EndField()
        {
            fields.Add(fieldWasQuoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add(new DelimitedRecord(recordStart, [.. fields]));
            }

            fields.Clear();
        }

        for (; i < content.Length; i++)
        {
            var c = content[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < content.Length && content[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (quoted && c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                inQuotes = true;
                fieldWasQuoted = true;
            }
            else if (c == delimiter)
            {
                EndField();
            }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
                line++;
                recordStart = line;
            }
            else if (fieldWasQuoted && !char.IsWhiteSpace(c))
            {
                throw new SettlementFileException(provider, recordStart, null, $"text follows a closing quote in field {fields.Count + 1}.");
            }
            else if (!fieldWasQuoted)
            {
                field.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new SettlementFileException(provider, recordStart, null, "a quoted field is never closed.");
        }

        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            EndRecord();
        }

        return records;
    }
}
