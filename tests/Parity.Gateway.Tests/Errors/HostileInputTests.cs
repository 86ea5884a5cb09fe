using System.Net;
using System.Text;
using Parity.Gateway.Tests.Testing;

namespace Parity.Gateway.Tests.Errors;

/// <summary>Input a careless or hostile client sends that the framework would answer badly: duplicated JSON keys
/// (read last-wins) and a CSV that is not UTF-8 (typed as JSON).</summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileInputTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task DuplicateJsonKey_IsRefused_NamingTheKey_AndChangesNothing()
    {
        var position = await _host.NewPositionAsync(1);
        var before = await _host.JournalLengthAsync(position);
        using var content = new StringContent("""{"eventId":"dup-1","quantity":1,"quantity":1000,"reference":"PO-1"}""", Encoding.UTF8, "application/json");

        var response = await _host.Client(GatewayHost.WarehouseKey).PostAsync($"/v1/inventory/positions/{position}/receipts", content);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        Assert.Equal("quantity", problem.GetProperty("field").GetString());
        Assert.Contains("'quantity'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task PosCsv_ThatIsNotUtf8_IsACsvProblem_NotInvalidJson()
    {
        using var content = new ByteArrayContent([.. "ticket,store\n"u8.ToArray(), 0xC3, 0x28, 0xFF, (byte)'\n']);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var response = await _host.Client(GatewayHost.AdminKey).PostAsync("/v1/stores/STORE-1/days/2026-12-01/batches?batchId=B-ENC", content);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-csv");
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
