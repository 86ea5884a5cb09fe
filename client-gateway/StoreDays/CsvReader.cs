using System.Text;

namespace Parity.Gateway.StoreDays;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, optional double quotes around a field (which may then hold
/// commas, line breaks and doubled quotes), CRLF or LF between records, an optional final line break. Stricter than
/// spreadsheets on purpose: a quote inside an unquoted field, text after a closing quote, or an unclosed quote is an
/// error naming the row, because guessing what a till meant would post the wrong money.
/// </summary>
internal static class CsvReader
{
    /// <summary>Reads every record; rows are numbered from 1 (the header is row 1).</summary>
    /// <exception cref="CsvFormatException">The text is not well-formed CSV.</exception>
    public static List<CsvRecord> Read(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var i = 0;
        var atFieldStart = true;
        var quoted = false;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw new CsvFormatException(row, $"Row {row}: text after a closing quote; double a quote inside a quoted field (\"\").");
                    }

                    continue;
                }

                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    i++;
                    break;
                case '"':
                    throw new CsvFormatException(row, $"Row {row}: a quote inside an unquoted field; quote the whole field and double the quote.");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    AddRecord(records, fields, row);
                    fields = [];
                    row++;
                    atFieldStart = true;
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    i++;
                    break;
            }
        }

        if (quoted)
        {
            throw new CsvFormatException(row, $"Row {row}: a quoted field is not closed.");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            AddRecord(records, fields, row);
        }

        return records;
    }

    // Blank lines carry nothing; they are skipped but still counted, so row numbers match the file's lines.
    private static void AddRecord(List<CsvRecord> records, List<string> fields, int row)
    {
        if (fields is [""])
        {
            return;
        }

        records.Add(new CsvRecord(row, fields));
    }
}

/// <summary>One CSV record and the row it starts on.</summary>
/// <param name="Row">1-based row number (the header is row 1).</param>
/// <param name="Fields">The fields, unquoted.</param>
internal sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);

/// <summary>The text is not well-formed CSV.</summary>
/// <param name="row">Where.</param>
/// <param name="message">What, naming the row.</param>
internal sealed class CsvFormatException(int row, string message) : FormatException(message)
{
    /// <summary>The row at fault.</summary>
    public int Row { get; } = row;
}
