namespace Parity.Grains.Orders;

/// <summary>
/// Settings of the order grains (configuration section <c>Parity:Orders</c> in the silo): sourcing rules,
/// legal entities per location for posting, and the windows of parked events and posting retries.
/// </summary>
public sealed class OrderOptions
{
    /// <summary>The configuration section the silo binds.</summary>
    public const string SectionName = "Parity:Orders";

    /// <summary>How long an event may wait for its prerequisite before it is raised as an OutOfSequence exception
    /// (it stays parked and is still applied if the prerequisite arrives later). <value>The default value is 15 minutes.</value></summary>
    public TimeSpan ParkingWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most events one order keeps parked. An event that would park beyond it is refused (422, nothing stored;
    /// a retry after the prerequisite arrived is applied) and raised once as an OutOfSequence exception, so a channel
    /// sending events for an order that never comes cannot grow one order's journal and state without end.
    /// <value>The default value is 50.</value></summary>
    public int MaxParkedEvents { get; set; } = 50;

    /// <summary>How often a fact that posting could not take is offered again (while the grain is active; a
    /// reminder wakes it otherwise). <value>The default value is 30 seconds.</value></summary>
    public TimeSpan PostingRetryPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether shipments, returns and refunds are handed to posting as business facts. <value>The default value is true.</value></summary>
    public bool PostFacts { get; set; } = true;

    /// <summary>The legal entity of locations missing from <see cref="LegalEntities"/>. <value>The default value is "default".</value></summary>
    public string DefaultLegalEntity { get; set; } = "default";

    /// <summary>Legal entity per location id (the key of the posting intake grain). <value>Empty by default.</value></summary>
    public Dictionary<string, string> LegalEntities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Payment provider per <c>{channel}/{tender}</c>, <c>{channel}</c> or <c>{tender}</c> (most specific
    /// first): a captured payment is recorded with that provider's receivables so its settlement can be matched.
    /// A capture no entry maps is not recorded. <value>Empty by default.</value></summary>
    public Dictionary<string, string> PaymentProviders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The sourcing rule set.</summary>
    public SourcingRules Sourcing { get; set; } = new();

    /// <summary>The provider whose settlements bring a capture of <paramref name="tender"/> on <paramref name="channel"/>, or null.</summary>
    public string? ProviderOf(string channel, string? tender) =>
        tender is not null && PaymentProviders.TryGetValue($"{channel}/{tender}", out var byBoth) ? byBoth
        : PaymentProviders.TryGetValue(channel, out var byChannel) ? byChannel
        : tender is not null && PaymentProviders.TryGetValue(tender, out var byTender) ? byTender
        : null;

    /// <summary>The legal entity that books what happens at <paramref name="locationId"/>.</summary>
    public string LegalEntityOf(string locationId) =>
        LegalEntities.TryGetValue(locationId, out var entity) ? entity : DefaultLegalEntity;
}

/// <summary>A versioned sourcing rule set (domain.md: per-channel location preference, fewest splits first, max
/// splits, backorder fallback). The version is recorded on every allocation it chose.</summary>
public sealed class SourcingRules
{
    /// <summary>Version of the rule set; change it whenever the rules change. <value>The default value is "v1".</value></summary>
    public string Version { get; set; } = "v1";

    /// <summary>Most locations one sourcing may split an order across. <value>The default value is 2.</value></summary>
    public int MaxSplits { get; set; } = 2;

    /// <summary>Locations tried for channels without their own list, most preferred first. <value>Empty by default:
    /// such orders backorder.</value></summary>
    public List<string> DefaultLocations { get; set; } = [];

    /// <summary>Location preference per channel, most preferred first. <value>Empty by default.</value></summary>
    public Dictionary<string, List<string>> Channels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The locations <paramref name="channel"/> sources from, most preferred first.</summary>
    public IReadOnlyList<string> LocationsFor(string channel) =>
        Channels.TryGetValue(channel, out var locations) && locations.Count > 0 ? locations : DefaultLocations;
}
