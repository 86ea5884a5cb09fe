using Orleans;

namespace Parity.GrainInterfaces.Gateway;

/// <summary>An HTTP answer kept for replay.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="ContentType">Content type of <paramref name="Body"/>, if any.</param>
/// <param name="Body">The body as sent (the gateway answers in UTF-8 JSON).</param>
/// <param name="Location">The Location header, if any.</param>
/// <param name="AnsweredAt">When the original answer was sent.</param>
[GenerateSerializer]
[Alias("parity.gateway.StoredResponse")]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string Body,
    [property: Id(3)] string? Location,
    [property: Id(4)] DateTimeOffset AnsweredAt);
