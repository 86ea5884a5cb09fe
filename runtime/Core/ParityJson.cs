using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parity.Runtime;

/// <summary>The JSON settings used for stored state, events and wire payloads. Unknown members are
/// ignored on read, so adding a member to a contract stays compatible both ways.</summary>
public static class ParityJson
{
    /// <summary>The shared options (camelCase, enums as strings).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
