using System.Security.Cryptography;
using System.Text;

namespace Parity.Providers.Schema;

/// <summary>
/// One SQL script the migration applies: its ledger name (<c>orleans/PostgreSQL-Main.sql</c>,
/// <c>parity/sqlite-reminders.sql</c>), its text and the SHA-256 of its bytes as shipped.
/// </summary>
public sealed class SchemaScript
{
    internal SchemaScript(string name, SchemaScriptOrigin origin, byte[] content)
    {
        Name = name;
        Origin = origin;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        // The hash covers the bytes as shipped; the text given to the database is those bytes decoded (a BOM, if any, dropped).
        Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
    }

    /// <summary>Name recorded in the ledger: <c>orleans/&lt;file&gt;</c> or <c>parity/&lt;file&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the script is Orleans' (vendored unchanged) or Parity's own.</summary>
    public SchemaScriptOrigin Origin { get; }

    /// <summary>Lower-case hex SHA-256 of the script's bytes, as recorded in the ledger when applied.</summary>
    public string Sha256 { get; }

    /// <summary>The SQL text.</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal static SchemaScript FromText(string name, SchemaScriptOrigin origin, string text) => new(name, origin, Encoding.UTF8.GetBytes(text));
}

/// <summary>Where a <see cref="SchemaScript"/> comes from.</summary>
public enum SchemaScriptOrigin
{
    /// <summary>Orleans' ADO.NET script, vendored unchanged under <c>deploy/sql/orleans/</c>.</summary>
    Orleans,

    /// <summary>Parity's own script under <c>deploy/sql/parity/</c>.</summary>
    Parity,
}
