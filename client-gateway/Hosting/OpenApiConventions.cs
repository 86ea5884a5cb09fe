namespace Parity.Gateway.Hosting;

/// <summary>Documents the problem answers every gateway operation may give.</summary>
internal static class OpenApiConventions
{
    private static readonly int[] Common =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable, StatusCodes.Status504GatewayTimeout,
    ];

    public static RouteHandlerBuilder GatewayProblems(this RouteHandlerBuilder builder, params int[] more)
    {
        foreach (var status in Common.Concat(more).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
