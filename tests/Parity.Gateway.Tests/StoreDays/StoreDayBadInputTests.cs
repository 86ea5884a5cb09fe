using System.Net;
using System.Text;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;
using static Parity.Gateway.Tests.StoreDays.PosGatewayFixture;

namespace Parity.Gateway.Tests.StoreDays;

/// <summary>
/// Every refused upload answers the right 4xx with problem details, and changes nothing: the store day's journal and the
/// positions' journals keep their length. Each test first records a valid batch, so "nothing changed" is measured
/// against a day that exists.
/// </summary>
public sealed class StoreDayBadInputTests(PosGatewayFixture fixture) : IClassFixture<PosGatewayFixture>
{
    [Fact]
    public async Task MalformedJson_IsBadRequest() =>
        await AssertRefusedAsync(NorthKey, (_, _) => ("{\"batchId\": \"B-9\", \"tickets\": [", "application/json"), HttpStatusCode.BadRequest, "invalid-json");

    [Fact]
    public async Task WrongType_IsBadRequestNamingTheField()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, quantity: "\"three\""), "application/json"), HttpStatusCode.BadRequest, "invalid-json");

        Assert.Equal("tickets[0].lines[0].quantity", problem.GetProperty("field").GetString());
        Assert.Contains("whole number", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZeroQuantity_IsUnprocessable()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, quantity: "0", amount: "0.00", tax: "0.00"), "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains("greater than zero", problem.FieldErrors("tickets[0].lines[0].quantity")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnbalancedTicket_IsUnprocessable()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, amount: "10.00"), "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains("does not balance", problem.FieldErrors("tickets[0]")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedCsvRow_IsUnprocessableNamingTheRowAndField()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Sample("pos-batch-malformed-row.csv", date, a.Sku, a.Sku), "text/csv"), HttpStatusCode.UnprocessableEntity, "validation-failed", batchId: "B-CSV");

        var error = Assert.Single(problem.FieldErrors("rows[3].quantity"));
        Assert.StartsWith("Row 3:", error, StringComparison.Ordinal);
        Assert.Contains("'three'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnclosedCsvQuote_IsUnprocessableNamingTheRow()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Sample("pos-batch.csv", date, a.Sku, a.Sku).Replace("\"card\"", "\"card", StringComparison.Ordinal), "text/csv"),
            HttpStatusCode.UnprocessableEntity, "validation-failed", batchId: "B-CSV");

        Assert.Contains("Row 4", problem.FieldErrors("rows[4]")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvWithoutBatchId_IsUnprocessable()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Sample("pos-batch.csv", date, a.Sku, a.Sku), "text/csv"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.NotEmpty(problem.FieldErrors("batchId"));
    }

    [Fact]
    public async Task UnknownSku_IsABusinessError()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, _) => (Json(date, "UNKNOWN-SKU-1"), "application/json"), HttpStatusCode.UnprocessableEntity, "unknown-reference");

        Assert.Contains("UNKNOWN-SKU-1", problem.FieldErrors("tickets[0].lines[0].sku")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStore_IsABusinessError()
    {
        var date = NewDate();
        var response = await Post(GatewayHost.AdminKey, "STORE-404", date, Json(date, "SKU-X", store: "STORE-404"), "application/json");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-reference");
        Assert.Contains("STORE-404", problem.FieldErrors("store")[0], StringComparison.Ordinal);
        Assert.Equal(0, await fixture.DayJournalLengthAsync("STORE-404", date));
    }

    [Fact]
    public async Task OversizedBody_IsTooLarge() =>
        await AssertRefusedAsync(NorthKey, (_, _) => (new string(' ', BodyLimit + 1), "application/json"), HttpStatusCode.RequestEntityTooLarge, "request-too-large");

    [Fact]
    public async Task UnsupportedMediaType_IsRefused() =>
        await AssertRefusedAsync(NorthKey, (date, a) => (Json(date, a.Sku), "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

    [Fact]
    public async Task MissingApiKey_IsUnauthorized() =>
        await AssertRefusedAsync(null, (date, a) => (Json(date, a.Sku), "application/json"), HttpStatusCode.Unauthorized, "api-key-missing");

    [Fact]
    public async Task WrongApiKey_IsUnauthorized() =>
        await AssertRefusedAsync("not-a-key-at-all", (date, a) => (Json(date, a.Sku), "application/json"), HttpStatusCode.Unauthorized, "api-key-invalid");

    [Fact]
    public async Task KeyWithoutPosScope_IsForbidden() =>
        await AssertRefusedAsync(GatewayHost.StoreKey, (date, a) => (Json(date, a.Sku), "application/json"), HttpStatusCode.Forbidden, "scope-missing");

    [Fact]
    public async Task AnotherChannelsStore_IsForbiddenForEveryEndpoint()
    {
        await AssertRefusedAsync(SouthKey, (date, a) => (Json(date, a.Sku), "application/json"), HttpStatusCode.Forbidden, "other-channel");

        var date = NewDate();
        var client = fixture.Host.Client(SouthKey);
        await (await client.PostAsync($"/v1/stores/{NorthStore}/days/{date}/close", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
        await (await client.GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
        Assert.Equal(0, await fixture.DayJournalLengthAsync(NorthStore, date));
    }

    [Fact]
    public async Task CloseAndRead_RefuseMissingKeysAndMissingScopes()
    {
        var date = NewDate();

        await (await fixture.Host.Client(null).PostAsync($"/v1/stores/{NorthStore}/days/{date}/close", null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-missing");
        await (await fixture.Host.Client(null).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-missing");
        await (await fixture.Host.Client(GatewayHost.WebKey).PostAsync($"/v1/stores/{NorthStore}/days/{date}/close", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        await (await fixture.Host.Client(GatewayHost.WebKey).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        Assert.Equal(0, await fixture.DayJournalLengthAsync(NorthStore, date));
    }

    [Fact]
    public async Task Close_MalformedDateOrUnknownStore_IsUnprocessableAndClosesNothing()
    {
        var date = NewDate();

        await (await fixture.Host.Client(NorthKey).PostAsync($"/v1/stores/{NorthStore}/days/2026-02-30/close", null)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        await (await fixture.Host.Client(GatewayHost.AdminKey).PostAsync($"/v1/stores/STORE-404/days/{date}/close", null)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-reference");
        Assert.Equal(0, await fixture.DayJournalLengthAsync("STORE-404", date));
    }

    [Fact]
    public async Task MalformedDate_IsUnprocessable()
    {
        var response = await fixture.Host.Client(NorthKey).GetAsync($"/v1/stores/{NorthStore}/days/14-03-2026");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(problem.FieldErrors("date"));
    }

    [Fact]
    public async Task ReplayedIdempotencyKeyWithAnotherBody_IsUnprocessable()
    {
        var date = NewDate();
        var a = await fixture.Host.NewPositionAsync(10, NorthStore);
        await (await Post(NorthKey, NorthStore, date, Json(date, a.Sku), "application/json", idempotencyKey: "reuse-" + date)).AssertOkAsync();
        var journals = await JournalsAsync(date, a);

        var response = await Post(NorthKey, NorthStore, date, Json(date, a.Sku, batchId: "B-OTHER", quantity: "2", amount: "22.00", tax: "2.00"), "application/json", idempotencyKey: "reuse-" + date);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(journals, await JournalsAsync(date, a));
        Assert.Equal(9, await fixture.OnHandAsync(a));
    }

    [Fact]
    public async Task BatchIdReusedWithOtherContent_IsAConflict()
    {
        // Issue 17, fix 5: a reused batch id is an idempotency conflict (409), no longer a field error (422).
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, ticketId: "T-OTHER", quantity: "2", amount: "22.00", tax: "2.00"), "application/json"),
            HttpStatusCode.Conflict, "event-id-conflict");

        Assert.Contains("B-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"amount\": -5.00, ", "must not be negative")]
    [InlineData("", "is required")]
    [InlineData("\"amount\": 0, ", "greater than zero")]
    public async Task GiftCardLine_WithoutAPositiveAmount_IsUnprocessableNamingTheField(string amount, string message)
    {
        var problem = await AssertRefusedAsync(NorthKey, (date, _) => ($$"""
            {
              "batchId": "B-GC",
              "tickets": [{
                "ticketId": "T-GC", "occurredAt": "{{date}}T10:00:00Z",
                "lines": [{ "type": "gift-card", {{amount}}"tax": 0 }],
                "tenders": [{ "method": "cash", "amount": 5.00 }]
              }]
            }
            """, "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains(message, Assert.Single(problem.FieldErrors("tickets[0].lines[0].amount")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GiftCardLine_WithASku_IsUnprocessableNamingTheField()
    {
        var problem = await AssertRefusedAsync(NorthKey, (date, a) => ($$"""
            {
              "batchId": "B-GC",
              "tickets": [{
                "ticketId": "T-GC", "occurredAt": "{{date}}T10:00:00Z",
                "lines": [{ "type": "gift-card", "sku": "{{a.Sku}}", "amount": 5.00 }],
                "tenders": [{ "method": "cash", "amount": 5.00 }]
              }]
            }
            """, "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.NotEmpty(problem.FieldErrors("tickets[0].lines[0].sku"));
    }

    [Theory]
    [InlineData("-5.00", "Row 2: 'amount' must not be negative")]
    [InlineData("", "Row 2: 'amount' is required")]
    public async Task CsvGiftCardRow_WithoutAPositiveAmount_IsUnprocessableNamingTheRowAndField(string amount, string message)
    {
        var problem = await AssertRefusedAsync(NorthKey, (date, _) => (string.Join("\n",
            "ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount",
            $"T-GC,{NorthStore},{date},{date}T10:00:00Z,gift-card,,,,,,,{amount}",
            $"T-GC,{NorthStore},{date},{date}T10:00:00Z,tender,,,,,,cash,5.00") + "\n", "text/csv"),
            HttpStatusCode.UnprocessableEntity, "validation-failed", batchId: "B-GC");

        Assert.StartsWith(message, Assert.Single(problem.FieldErrors("rows[2].amount")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("US SALES")]
    [InlineData("")]
    [InlineData("A-TAX-CODE-LONGER-THAN-32-CHARACTERS")]
    public async Task MalformedTaxCode_IsUnprocessableNamingTheField(string taxCode)
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, batchId: "B-TAX", ticketId: "T-TAX", taxCode: taxCode), "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains("US-SALES", Assert.Single(problem.FieldErrors("tickets[0].lines[0].taxCode")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaxCodeNoPostingRuleMaps_IsUnprocessableNamingTheFieldAndTheCodesThatPost()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, batchId: "B-TAX", ticketId: "T-TAX", taxCode: "GST"), "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        var error = Assert.Single(problem.FieldErrors("tickets[0].lines[0].taxCode"));
        Assert.Contains("'GST'", error, StringComparison.Ordinal);
        Assert.Contains("US-SALES", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvTaxCodeNoPostingRuleMaps_IsUnprocessableNamingTheRowAndField()
    {
        var problem = await AssertRefusedAsync(NorthKey, (date, a) => (string.Join("\n",
            "ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount,tax_code",
            $"T-TAX,{NorthStore},{date},{date}T10:00:00Z,sale,{a.Sku},1,10.00,0.80,,,,US-SALES",
            $"T-TAX,{NorthStore},{date},{date}T10:00:00Z,sale,{a.Sku},1,10.00,1.00,,,,GST",
            $"T-TAX,{NorthStore},{date},{date}T10:00:00Z,tender,,,,,,card,21.80,") + "\n", "text/csv"),
            HttpStatusCode.UnprocessableEntity, "validation-failed", batchId: "B-TAX");

        Assert.Contains("'GST'", Assert.Single(problem.FieldErrors("rows[3].tax_code")), StringComparison.Ordinal);
    }

    // Records a valid batch (B-1) first, then sends the bad one and checks the answer and that no journal grew.
    // Issue 17, fix 9: one CSV ticket of 2,147,483,647 units emptied a position and preempted every reservation on it.
    [Fact]
    public async Task CsvQuantityBeyondTheLineBound_IsUnprocessableNamingTheRow()
    {
        var problem = await AssertRefusedAsync(NorthKey, (date, a) => ($"""
            ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount
            T-9,STORE-N1,{date},{date}T10:00:00Z,sale,{a.Sku},2147483647,0.01,0.00,,,
            T-9,STORE-N1,{date},{date}T10:00:00Z,tender,,,,,,card,21474836.47
            """, "text/csv"), HttpStatusCode.UnprocessableEntity, "validation-failed", batchId: "B-HUGE");

        Assert.Contains("at most 1,000,000", Assert.Single(problem.FieldErrors("rows[2].quantity")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImplausibleLineQuantity_IsUnprocessableNamingTheLine()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, quantity: "5000", amount: "50001.00", batchId: "B-5000"), "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains("plausible", Assert.Single(problem.FieldErrors("tickets[0].lines[0].quantity")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenderBeyondTheMoneyBound_IsUnprocessable()
    {
        var problem = await AssertRefusedAsync(NorthKey,
            (date, a) => (Json(date, a.Sku, amount: "50000000000000000000000000000", batchId: "B-RICH"), "application/json"), HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains("1,000,000,000.00", Assert.Single(problem.FieldErrors("tickets[0].tenders[0].amount")), StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.JsonElement> AssertRefusedAsync(
        string? key, Func<string, PositionKey, (string Body, string MediaType)> bad, HttpStatusCode status, string slug, string? batchId = null)
    {
        var date = NewDate();
        var a = await fixture.Host.NewPositionAsync(10, NorthStore);
        await (await Post(NorthKey, NorthStore, date, Json(date, a.Sku), "application/json")).AssertOkAsync();
        var journals = await JournalsAsync(date, a);
        var view = await fixture.DayAsync(NorthStore, date);

        var (body, mediaType) = bad(date, a);
        var problem = await (await Post(key, NorthStore, date, body, mediaType, batchId)).AssertProblemAsync(status, slug);

        Assert.Equal(journals, await JournalsAsync(date, a));
        Assert.Equal(9, await fixture.OnHandAsync(a));
        var after = await fixture.DayAsync(NorthStore, date);
        Assert.Equal(view.Batches, after.Batches);
        Assert.Equal(view.Totals.Tickets, after.Totals.Tickets);
        return problem;
    }

    private async Task<(int Day, int Position)> JournalsAsync(string date, PositionKey a) => (await fixture.DayJournalLengthAsync(NorthStore, date), await fixture.Host.JournalLengthAsync(a));

    // One balanced ticket: quantity × 10.00 + tax = amount (defaults: 1 unit, tax 1.00, card 11.00).
    private static string Json(string date, string sku, string quantity = "1", string amount = "11.00", string tax = "1.00",
        string batchId = "B-1", string ticketId = "T-1", string store = NorthStore, string? taxCode = null) => $$"""
        {
          "batchId": "{{batchId}}",
          "tickets": [{
            "ticketId": "{{ticketId}}", "store": "{{store}}", "businessDate": "{{date}}", "occurredAt": "{{date}}T10:00:00Z",
            "lines": [{ "type": "sale", "sku": "{{sku}}", "quantity": {{quantity}}, "unitPrice": 10.00, "tax": {{tax}}{{(taxCode is null ? "" : $", \"taxCode\": \"{taxCode}\"")}} }],
            "tenders": [{ "method": "card", "amount": {{amount}} }]
          }]
        }
        """;

    private Task<HttpResponseMessage> Post(string? key, string store, string date, string body, string mediaType, string? batchId = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/stores/{store}/days/{date}/batches{(batchId is null ? "" : "?batchId=" + batchId)}")
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return fixture.Host.Client(key).SendAsync(request);
    }
}
