using Microsoft.Extensions.Options;

namespace Parity.Grains.Posting;

/// <summary>
/// The posting rules in effect for the silo. Follows <c>Parity:Erp:Posting</c> when the configuration reloads, so
/// finance can fix a mapping and retry held journals without a restart; an invalid change keeps the last valid rules.
/// </summary>
public sealed class PostingRuleBook
{
    private volatile PostingRules _current;

    /// <summary>Starts with <paramref name="options"/>.</summary>
    public PostingRuleBook(PostingRulesOptions options) => _current = new PostingRules(options);

    /// <summary>Follows an options monitor.</summary>
    public PostingRuleBook(IOptionsMonitor<PostingRulesOptions> monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _current = new PostingRules(monitor.CurrentValue);
        monitor.OnChange(o =>
        {
            try
            {
                _current = new PostingRules(o);
            }
            catch (ArgumentException)
            {
                // Keep posting with the last valid rules; the options validator reports the error at start.
            }
        });
    }

    /// <summary>The rules in effect.</summary>
    public PostingRules Current => _current;

    /// <summary>Replaces the rules (a fixed mapping); throws when <paramref name="options"/> are invalid.</summary>
    public void Replace(PostingRulesOptions options) => _current = new PostingRules(options);
}
