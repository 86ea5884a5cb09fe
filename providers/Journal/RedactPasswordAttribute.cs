using System.Data.Common;

namespace Parity.Providers.Journal;

/// <summary>
/// Marks a connection string option so the silo's options log shows it without its password (host and database
/// stay visible, which is what an operator needs to read the log).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class RedactPasswordAttribute : Orleans.RedactAttribute
{
    private static readonly string[] SecretKeys = ["Password", "Pwd", "Psw"];

    public override string Redact(object? value) => RedactConnectionString(value as string);

    /// <summary>The connection string with every password-like value replaced; "REDACTED" when it cannot be parsed.</summary>
    public static string RedactConnectionString(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return string.Empty;
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in SecretKeys)
            {
                if (builder.ContainsKey(key))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "REDACTED";
        }
    }
}
