using System.Globalization;
using Orleans;
using Parity.Gateway.Hosting;
using Parity.Gateway.Settlements;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.Reconciliation;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Reconciliation;

namespace Parity.Gateway.Operations;

/// <summary>The reconciliation figures finance asks for, per channel and day (finance scope, or admin).</summary>
internal static class ReconciliationEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/reconciliation", async Task<IResult> (string? channel, string? date, HttpContext context, IGrainFactory grains, TimeProvider clock) =>
            {
                var validator = new RequestValidator();
                validator.Id(channel, "channel");
                DateOnly day = default;
                if (date is null || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                {
                    validator.Fail("date", "'date' is required as yyyy-MM-dd (UTC day).");
                }

                if (await validator.CheckAsync(context, SettlementEndpoints.NoCatalog.Instance) is { } refused)
                {
                    return refused;
                }

                return TypedResults.Ok(await ReconciliationCalculator.ReadAsync(grains, channel!, day, clock.GetUtcNow(), SettlementProviders.All));
            })
            .RequireAuthorization(GatewayScopes.Finance)
            .WithTags("Operations")
            .WithName("GetReconciliationFigures")
            .WithSummary("Per channel and day: orders captured, posted to ERP, settled, share posted automatically, exception rates, sync latency, duplicate rate, time to resolve, settlement match rate, provisional receivables; figures nobody feeds yet are null and listed under 'unavailable'")
            .WithDescription("shareAutomaticallyPosted is the journals posted without a person ÷ the journals posted: a journal counts as " +
                "needing a person when someone acted on an exception on its way to the ERP (a settlement line matched or booked to suspense " +
                "from the console, a held fact retried, a rejected journal requeued) or asked for it (a reversal).")
            .Produces<ReconciliationFigures>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);
    }
}
