namespace Parity.Gateway.Hosting;

/// <summary>Where the gateway's API lives.</summary>
public static class GatewayRoutes
{
    /// <summary>Every channel operation is under this prefix.</summary>
    public const string Prefix = "/v1";

    /// <summary>The OpenAPI document.</summary>
    public const string OpenApiDocument = "/openapi/v1.json";
}
