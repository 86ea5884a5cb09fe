namespace Parity.Gateway.Validation;

/// <summary>
/// The syntax of identifiers the gateway accepts (SKUs, location, channel, event and reservation ids): 1 to 64
/// characters of letters, digits and <c>- _ . :</c>, starting with a letter or digit. Tighter than the grains need,
/// on purpose: ids travel in URLs, logs and ERP references, and a stray space or slash there is always a mistake.
/// </summary>
public static class Identifiers
{
    /// <summary>Longest identifier accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Describes the syntax for error messages.</summary>
    public const string Rule = "1 to 64 letters, digits or - _ . : starting with a letter or digit";

    /// <summary>Whether <paramref name="value"/> is a well-formed identifier.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
