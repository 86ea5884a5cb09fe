using System.Net;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;

namespace Parity.Gateway.Tests.Operations;

[Collection(GatewayCollection.Name)]
public sealed class ExceptionQueueEndpointTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task Admin_ListsExceptions_FilteredByCategory()
    {
        var trace = "gw-test-" + Guid.NewGuid().ToString("N");
        await _host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey)
            .RaiseAsync(new ExceptionReport(ExceptionCategory.NegativeStock, trace, "Sold 3 beyond OnHand at STORE-1", "corr-x", ["pos-evt-1"]));
        var admin = _host.Client(GatewayHost.AdminKey);

        var negative = await (await admin.GetAsync("/v1/exceptions?category=NegativeStock")).AssertOkAsync();
        var other = await (await admin.GetAsync("/v1/exceptions?category=ErpRejected")).AssertOkAsync();

        var record = Assert.Single(negative.EnumerateArray(), r => r.GetProperty("traceKey").GetString() == trace);
        Assert.Equal("NegativeStock", record.GetProperty("category").GetString());
        Assert.Equal("corr-x", record.GetProperty("correlationIds")[0].GetString());
        Assert.DoesNotContain(other.EnumerateArray(), r => r.GetProperty("traceKey").GetString() == trace);
    }

    [Fact]
    public async Task UnknownCategory_IsUnprocessable()
    {
        var response = await _host.Client(GatewayHost.AdminKey).GetAsync("/v1/exceptions?category=Gremlins");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(problem.FieldErrors("category"));
    }

    [Fact]
    public async Task Channel_MayNotReadTheQueue()
    {
        await (await _host.Client(GatewayHost.StoreKey).GetAsync("/v1/exceptions")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
    }
}
