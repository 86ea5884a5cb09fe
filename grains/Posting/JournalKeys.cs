using System.Security.Cryptography;
using System.Text;

namespace Parity.Grains.Posting;

/// <summary>
/// Deterministic journal keys, sent to the ERP as its external id: the same ids under the same rule always give the same
/// key, whatever order the ids arrive in, so a rebuilt or resent journal can never book twice
/// (<see cref="PostingRules.JournalKeyOf"/> names a fact's source events and the fact itself).
/// </summary>
public static class JournalKeys
{
    /// <summary>The key of the journal <paramref name="ruleId"/> builds from <paramref name="sourceEventIds"/>.</summary>
    public static string For(string ruleId, IEnumerable<string> sourceEventIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        ArgumentNullException.ThrowIfNull(sourceEventIds);
        var ids = sourceEventIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            throw new ArgumentException("A journal key needs at least one source event id.", nameof(sourceEventIds));
        }

        // Length-prefixed so that no two different id lists hash the same text.
        var text = new StringBuilder().Append(ruleId.Length).Append(':').Append(ruleId);
        foreach (var id in ids)
        {
            text.Append('|').Append(id.Length).Append(':').Append(id);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "je-" + Convert.ToHexStringLower(hash, 0, 16);
    }

    /// <summary>The key of the reversing entry of <paramref name="journalKey"/> for correction <paramref name="correctionId"/>.</summary>
    public static string ForReversal(string journalKey, string correctionId) => For("reversal", [journalKey, "correction:" + correctionId]);
}
