namespace Parity.GrainInterfaces;

/// <summary>
/// The syntax of channel ids: 1 to 32 ASCII letters, digits or <c>- _ .</c>, starting with a letter or digit
/// (compared case-sensitively). A channel id is the first part of every order id (<c>{channel}:{channelOrderId}</c>)
/// and scopes request and event ids (<c>{channel}/{id}</c>), so it must never contain <c>:</c> or <c>/</c>: with them,
/// <c>web</c> and <c>web:eu</c> would read and change each other's orders.
/// </summary>
public static class ChannelIds
{
    /// <summary>Longest channel id accepted.</summary>
    public const int MaxLength = 32;

    /// <summary>Describes the syntax for error messages.</summary>
    public const string Rule = "1 to 32 letters, digits or - _ . starting with a letter or digit (no ':' or '/')";

    /// <summary>Whether <paramref name="channelId"/> is a well-formed channel id.</summary>
    public static bool IsValid(string? channelId)
    {
        if (string.IsNullOrEmpty(channelId) || channelId.Length > MaxLength || !char.IsAsciiLetterOrDigit(channelId[0]))
        {
            return false;
        }

        foreach (var c in channelId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An id a channel chose (a reservation request id, an event id), scoped to that channel so another channel
    /// sending the same id never meets it: <c>{channel}/{id}</c>.</summary>
    public static string Scope(string channelId, string id) => $"{channelId}/{id}";

    /// <summary>The id a channel sent, from a <see cref="Scope"/>d id; null when <paramref name="scopedId"/> is not scoped.</summary>
    public static string? Unscoped(string scopedId)
    {
        var slash = scopedId.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < scopedId.Length - 1 && IsValid(scopedId[..slash]) ? scopedId[(slash + 1)..] : null;
    }
}
