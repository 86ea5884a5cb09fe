using System.Text.Json;
using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// Writes a <see cref="ChannelPolicyState"/> as plain data (the resolver's policies per level with their stamped
/// versions, the last version stamped, the fold's last result) and reads it back into an equal state. The resolver keeps
/// its policies in private dictionaries, one keyed by <see cref="PositionKey"/>, which JSON cannot key by.
/// </summary>
public sealed class ChannelPolicyStateJsonConverter : JsonConverter<ChannelPolicyState>
{
    /// <inheritdoc />
    public override ChannelPolicyState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var data = JsonSerializer.Deserialize<Data>(ref reader, options) ?? throw new JsonException("A channel policy state is an object.");
        var resolver = ChannelPolicyResolver.Restore(
            data.Global,
            data.LastVersion,
            data.Locations.Select(l => KeyValuePair.Create(l.LocationId, l.Policy)),
            data.Positions.Select(p => KeyValuePair.Create(p.Position, p.Policy)));
        return new ChannelPolicyState(resolver, data.ConfigurationVersion, data.LastStamped, data.LastCleared);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ChannelPolicyState value, JsonSerializerOptions options)
    {
        var resolver = value.Resolver;
        var data = new Data(
            value.ConfigurationVersion,
            resolver.LastVersion,
            resolver.Global,
            resolver.LocationPolicies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new LocationEntry(p.Key, p.Value)).ToList(),
            resolver.PositionPolicies.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => new PositionEntry(p.Key, p.Value)).ToList(),
            value.LastStamped,
            value.LastCleared);
        JsonSerializer.Serialize(writer, data, options);
    }

    private sealed record Data(
        long ConfigurationVersion,
        long LastVersion,
        ChannelPolicy Global,
        IReadOnlyList<LocationEntry> Locations,
        IReadOnlyList<PositionEntry> Positions,
        ChannelPolicy? LastStamped,
        bool LastCleared);

    private sealed record LocationEntry(string LocationId, ChannelPolicy Policy);

    private sealed record PositionEntry(PositionKey Position, ChannelPolicy Policy);
}
