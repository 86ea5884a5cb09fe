using System.Text.RegularExpressions;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements;

/// <summary>
/// How settlements are matched and booked, per provider (configuration section <c>Parity:Settlements</c>; register an
/// instance with the silo's services; without one the defaults below apply).
/// </summary>
public sealed class SettlementOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Parity:Settlements";

    /// <summary>Settings per provider. <value>The default value is stripe and adyen for channel <c>web</c>, amazon for
    /// channel <c>marketplace</c>.</value></summary>
    public Dictionary<string, SettlementProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal)
    {
        [SettlementProviders.Stripe] = new() { Channel = "web", ExpectedSettlementWindow = TimeSpan.FromDays(3) },
        [SettlementProviders.Adyen] = new() { Channel = "web", ExpectedSettlementWindow = TimeSpan.FromDays(3) },
        [SettlementProviders.Amazon] = new() { Channel = "marketplace", ExpectedSettlementWindow = TimeSpan.FromDays(16) },
    };

    /// <summary>How often a batch retries handing its fact to ERP posting after a failure.
    /// <value>The default value is 1 minute.</value></summary>
    public TimeSpan HandOffRetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often receivables look for captures unsettled past their window.
    /// <value>The default value is 1 hour.</value></summary>
    public TimeSpan OverdueCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The settings of <paramref name="provider"/> (defaults when it has none).</summary>
    public SettlementProviderOptions For(string provider) =>
        Providers.TryGetValue(provider, out var options) ? options : new SettlementProviderOptions();
}

/// <summary>Settings of one settlement provider.</summary>
public sealed class SettlementProviderOptions
{
    /// <summary>The channel whose orders the provider settles. <value>The default value is <c>web</c>.</value></summary>
    public string Channel { get; set; } = "web";

    /// <summary>The legal entity that books the settlement. <value>The default value is <c>default</c>.</value></summary>
    public string LegalEntity { get; set; } = "default";

    /// <summary>The location dimension of the settlement journal. <value>The default value is <c>online</c>.</value></summary>
    public string Location { get; set; } = "online";

    /// <summary>
    /// Maps a line's provider reference to the channel order id when no capture was recorded under that reference:
    /// a regular expression whose group <c>order</c> (or whole match) is the channel order id; the order id is then
    /// <c>{Channel}:{order}</c>. <value>The default value takes the whole reference.</value>
    /// </summary>
    public string ReferencePattern { get; set; } = "^(?<order>.+)$";

    /// <summary>Largest difference between settled and captured amounts of an order that is accepted as is;
    /// beyond it the difference goes to suspense and a SettlementVariance exception. <value>The default value is 0.01.</value></summary>
    public decimal VarianceTolerance { get; set; } = 0.01m;

    /// <summary>How long after capture a settlement is expected; later, a MissingSettlement exception is raised.
    /// <value>The default value is 3 days.</value></summary>
    public TimeSpan ExpectedSettlementWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The order id a reference maps to by <see cref="ReferencePattern"/>, or null when it does not match.</summary>
    public string? OrderIdFor(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var match = Regex.Match(reference, ReferencePattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        if (!match.Success)
        {
            return null;
        }

        var order = match.Groups["order"] is { Success: true } group ? group.Value : match.Value;
        return order.Length == 0 ? null : $"{Channel}:{order}";
    }
}
