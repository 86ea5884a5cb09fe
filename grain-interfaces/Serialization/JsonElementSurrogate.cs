using System.Text.Json;
using Orleans;

namespace Parity.GrainInterfaces.Serialization;

/// <summary>
/// How a <see cref="JsonElement"/> (e.g. <see cref="Orders.OrderHistoryEntry.Event"/>) crosses a grain boundary: Orleans
/// has no codec for it, so it travels as its raw JSON text. A default (undefined) element travels as null.
/// </summary>
[GenerateSerializer]
[Alias("parity.serialization.JsonElementSurrogate")]
internal struct JsonElementSurrogate
{
    /// <summary>The element's raw JSON text; null for an undefined element.</summary>
    [Id(0)]
    public string? Json;
}

/// <summary>Converts between <see cref="JsonElement"/> and <see cref="JsonElementSurrogate"/>.</summary>
[RegisterConverter]
internal sealed class JsonElementSurrogateConverter : IConverter<JsonElement, JsonElementSurrogate>
{
    /// <inheritdoc />
    public JsonElement ConvertFromSurrogate(in JsonElementSurrogate surrogate)
    {
        if (surrogate.Json is null)
        {
            return default;
        }

        using var document = JsonDocument.Parse(surrogate.Json);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public JsonElementSurrogate ConvertToSurrogate(in JsonElement value) =>
        new() { Json = value.ValueKind == JsonValueKind.Undefined ? null : value.GetRawText() };
}
