using System.Net;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Gateway;

// The figures of a seeded day need a cluster of their own (ReconciliationDayTests); the refusals do not.
[Collection(SettlementCluster.CollectionName)]
public sealed class ReconciliationEndpointTests(SettlementCluster cluster)
{
    [Fact]
    public async Task MissingOrMalformedQuery_Is422_AndChannelsWithoutFinanceAre403()
    {
        var finance = cluster.Client(SettlementCluster.FinanceKey);

        var problem = await (await finance.GetAsync("/v1/reconciliation?date=02-12-2026")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.NotEmpty(problem.FieldErrors("channel"));
        Assert.NotEmpty(problem.FieldErrors("date"));
        await (await cluster.Client(SettlementCluster.WebKey).GetAsync("/v1/reconciliation?channel=web&date=2026-12-02")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
    }
}
