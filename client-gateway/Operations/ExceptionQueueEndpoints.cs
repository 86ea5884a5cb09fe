using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.GrainInterfaces.Exceptions;
using Parity.Runtime;

namespace Parity.Gateway.Operations;

/// <summary>The exception queue as operations reads it (admin).</summary>
internal static class ExceptionQueueEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/exceptions", async Task<IResult> (string? category, HttpContext context, IGrainFactory grains) =>
            {
                ExceptionCategory? filter = null;
                if (category is not null)
                {
                    if (!Enum.TryParse<ExceptionCategory>(category, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(category, out _))
                    {
                        return GatewayProblem.Result(context, ProblemType.ValidationFailed,
                            $"'{category}' is not an exception category; use one of {string.Join(", ", Enum.GetNames<ExceptionCategory>())}.",
                            [new("errors", new Dictionary<string, string[]> { ["category"] = [$"'{category}' is not an exception category."] })]);
                    }

                    filter = parsed;
                }

                return TypedResults.Ok(await grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).GetAsync(filter));
            })
            .RequireAuthorization(GatewayScopes.Admin)
            .WithTags("Operations")
            .WithName("ListExceptions")
            .WithSummary("Open business exceptions, oldest first, optionally of one category")
            .Produces<IReadOnlyList<ExceptionRecord>>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);
    }
}
