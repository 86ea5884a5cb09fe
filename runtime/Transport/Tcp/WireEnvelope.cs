using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parity.Runtime.Transport.Tcp;

/// <summary>
/// One frame on a silo connection: a call, its reply, or a view query. Member names are the wire contract
/// (a golden-JSON test pins them); readers ignore members they do not know, so adding one stays compatible
/// both ways. Removing or renaming one is a breaking change.
/// </summary>
internal sealed class WireEnvelope
{
    public const string CallKind = "call";
    public const string ReplyKind = "reply";
    public const string ViewQueryKind = "view?";
    public const string ViewKind = "view";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = CallKind;

    /// <summary>Correlates a reply with its request on the same connection.</summary>
    [JsonPropertyName("id")]
    public long Id { get; set; }

    /// <summary>The silo (with generation) the sender meant; a restarted silo on the same endpoint refuses the call.</summary>
    [JsonPropertyName("targetSilo")]
    public string? TargetSilo { get; set; }

    [JsonPropertyName("grain")]
    public string? Grain { get; set; }

    /// <summary>The stable method id (<c>Namespace.IGrain.Method/arity</c>).</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    [JsonPropertyName("args")]
    public JsonElement[]? Arguments { get; set; }

    [JsonPropertyName("deadline")]
    public DateTimeOffset? Deadline { get; set; }

    [JsonPropertyName("forwardCount")]
    public int ForwardCount { get; set; }

    [JsonPropertyName("context")]
    public WireContext? Context { get; set; }

    [JsonPropertyName("result")]
    public JsonElement? Result { get; set; }

    [JsonPropertyName("error")]
    public WireError? Error { get; set; }

    /// <summary>View replies: the Active silos, <c>host:port@generation</c>.</summary>
    [JsonPropertyName("silos")]
    public string[]? Silos { get; set; }

    [JsonPropertyName("viewVersion")]
    public long ViewVersion { get; set; }
}

/// <summary>The request context of a call.</summary>
internal sealed class WireContext
{
    [JsonPropertyName("correlationId")]
    public string? CorrelationId { get; set; }

    [JsonPropertyName("deadline")]
    public DateTimeOffset? Deadline { get; set; }

    [JsonPropertyName("callChain")]
    public string[]? CallChain { get; set; }

    [JsonPropertyName("items")]
    public Dictionary<string, JsonElement>? Items { get; set; }
}

/// <summary>An exception crossing the wire: its type, message and the data its constructor needs.</summary>
internal sealed class WireError
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";

    [JsonPropertyName("fields")]
    public Dictionary<string, string>? Fields { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireEnvelope))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
