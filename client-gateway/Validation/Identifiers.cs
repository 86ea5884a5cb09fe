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

    /// <summary>Whether <paramref name="value"/> is a canonical order id <c>{channel}:{channelOrderId}</c> whose two
    /// parts are each an identifier. The same rule holds where orders are created (the channel and its
    /// <c>channelOrderId</c>) and where they are read or referred to, so every order placed can be read.</summary>
    public static bool IsOrderId(string? value) =>
        value is not null && value.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
        && IsValid(value[..colon]) && IsValid(value[(colon + 1)..]);
}
