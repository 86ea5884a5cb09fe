using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;
using static Parity.Gateway.Tests.StoreDays.PosGatewayFixture;

namespace Parity.Gateway.Tests.StoreDays;

/// <summary>POS batches in JSON and CSV, close and read, on a real loopback server.</summary>
public sealed class StoreDayEndpointTests(PosGatewayFixture fixture) : IClassFixture<PosGatewayFixture>
{
    [Fact]
    public async Task JsonBatch_RecordsTicketsMovesOnHandAndTotals()
    {
        var date = NewDate();
        var (a, b) = (await fixture.Host.NewPositionAsync(10, NorthStore), await fixture.Host.NewPositionAsync(5, NorthStore));

        var response = await Post(NorthKey, date, Sample("pos-batch.json", date, a.Sku, b.Sku), "application/json");

        var outcome = await response.AssertOkAsync();
        Assert.Equal("B-0930", outcome.GetProperty("batchId").GetString());
        Assert.Equal(["Recorded", "Recorded"], outcome.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        Assert.Equal(10 - 2 + 1, await fixture.OnHandAsync(a));
        Assert.Equal(5 - 1, await fixture.OnHandAsync(b));
        await AssertSampleTotalsAsync(NorthKey, date);
    }

    [Fact]
    public async Task CsvBatch_RecordsTheSameAsItsJsonTwin()
    {
        var date = NewDate();
        var (a, b) = (await fixture.Host.NewPositionAsync(10, NorthStore), await fixture.Host.NewPositionAsync(5, NorthStore));

        var response = await Post(NorthKey, date, Sample("pos-batch.csv", date, a.Sku, b.Sku), "text/csv", batchId: "B-0930");

        var outcome = await response.AssertOkAsync();
        Assert.Equal(["T-1001", "T-1002"], outcome.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("ticketId").GetString()));
        Assert.Equal(9, await fixture.OnHandAsync(a));
        Assert.Equal(4, await fixture.OnHandAsync(b));
        await AssertSampleTotalsAsync(NorthKey, date);
    }

    [Fact]
    public async Task CsvBatch_QuotedFieldsReorderedColumnsBomAndBlankLines_AreRead()
    {
        var date = NewDate();
        var a = await fixture.Host.NewPositionAsync(10, NorthStore);
        var csv = "\uFEFF\"sku\",\"ticket_id\",\"line_type\",\"quantity\",\"unit_price\",\"tax\",\"tender_method\",\"amount\",\"store\",\"business_date\",\"occurred_at\"\n"
            + $"\"{a.Sku}\",\"T-1\",\"SALE\",\"3\",\"10.00\",\"3.00\",\"\",\"\",\"{NorthStore}\",\"{date}\",\"{date}T10:00:00Z\"\n"
            + "\n"
            + $"\"\",\"T-1\",\"tender\",\"\",\"\",\"\",\"gift-card\",\"33.00\",\"{NorthStore}\",\"{date}\",\"{date}T10:00:00Z\"\n\n";

        var outcome = await (await Post(NorthKey, date, csv, "text/csv", batchId: "B-Q")).AssertOkAsync();

        Assert.Equal("Recorded", Assert.Single(outcome.GetProperty("tickets").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(7, await fixture.OnHandAsync(a));
        var day = await (await fixture.Host.Client(NorthKey).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertOkAsync();
        Assert.Equal(33.00m, day.GetProperty("totals").GetProperty("tenders").GetProperty("gift-card").GetDecimal());
    }

    [Fact]
    public async Task TaxCodes_OfJsonAndCsvLinesAndTheStoresDefault_AreTotalledPerCode()
    {
        var date = NewDate();
        var a = await fixture.Host.NewPositionAsync(10, NorthStore);
        var json = $$"""
            {
              "batchId": "B-TAX",
              "tickets": [
                { "ticketId": "T-1", "occurredAt": "{{date}}T10:00:00Z",
                  "lines": [ { "type": "sale", "sku": "{{a.Sku}}", "quantity": 1, "unitPrice": 10.00, "tax": 0.80 },
                             { "type": "sale", "sku": "{{a.Sku}}", "quantity": 1, "unitPrice": 10.00, "tax": 2.00, "taxCode": "vat20" } ],
                  "tenders": [ { "method": "card", "amount": 22.80 } ] }
              ]
            }
            """;
        await (await Post(NorthKey, date, json, "application/json")).AssertOkAsync();
        var csv = string.Join("\n",
            "ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount,tax_code",
            $"T-2,{NorthStore},{date},{date}T11:00:00Z,sale,{a.Sku},1,10.00,0.50,,,,VAT5",
            $"T-2,{NorthStore},{date},{date}T11:00:00Z,return,{a.Sku},1,10.00,0.80,true,,,",
            $"T-2,{NorthStore},{date},{date}T11:00:00Z,tender,,,,,,cash,-0.30,") + "\n";
        await (await Post(NorthKey, date, csv, "text/csv", batchId: "B-TAX-CSV")).AssertOkAsync();

        // US-SALES (the default, for lines without a code): 0.80 sold − 0.80 returned; VAT20 2.00; VAT5 0.50.
        var totals = (await (await fixture.Host.Client(NorthKey).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertOkAsync()).GetProperty("totals");
        Assert.Equal(2.50m, totals.GetProperty("tax").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["US-SALES"] = 0m, ["VAT20"] = 2.00m, ["VAT5"] = 0.50m },
            totals.GetProperty("taxByCode").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal()));
    }

    [Fact]
    public async Task JsonBatch_WithAGiftCardLine_SellsTheCardAsLiabilityAndMovesNoStock()
    {
        var date = NewDate();
        var a = await fixture.Host.NewPositionAsync(10, NorthStore);
        var json = $$"""
            {
              "batchId": "B-GC",
              "tickets": [
                { "ticketId": "T-1", "occurredAt": "{{date}}T10:00:00Z",
                  "lines": [ { "type": "sale", "sku": "{{a.Sku}}", "quantity": 1, "unitPrice": 10.00, "tax": 1.00 },
                             { "type": "gift-card", "amount": 25.00 } ],
                  "tenders": [ { "method": "card", "amount": 36.00 } ] },
                { "ticketId": "T-2", "occurredAt": "{{date}}T10:05:00Z",
                  "lines": [ { "type": "GIFT-CARD", "amount": 50.00 } ],
                  "tenders": [ { "method": "cash", "amount": 50.00 } ] }
              ]
            }
            """;

        var outcome = await (await Post(NorthKey, date, json, "application/json")).AssertOkAsync();

        Assert.Equal(["Recorded", "Recorded"], outcome.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        await AssertGiftCardTotalsAsync(date, a);
    }

    [Fact]
    public async Task CsvBatch_WithAGiftCardRow_RecordsTheSameAsItsJsonTwin()
    {
        var date = NewDate();
        var a = await fixture.Host.NewPositionAsync(10, NorthStore);
        var csv = string.Join("\r\n",
            "ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount",
            $"T-1,{NorthStore},{date},{date}T10:00:00Z,sale,{a.Sku},1,10.00,1.00,,,",
            $"T-1,{NorthStore},{date},{date}T10:00:00Z,gift-card,,,,,,,25.00",
            $"T-1,{NorthStore},{date},{date}T10:00:00Z,tender,,,,,,card,36.00",
            $"T-2,{NorthStore},{date},{date}T10:05:00Z,gift-card,,,,,,,50.00",
            $"T-2,{NorthStore},{date},{date}T10:05:00Z,tender,,,,,,cash,50.00") + "\r\n";

        var outcome = await (await Post(NorthKey, date, csv, "text/csv", batchId: "B-GC")).AssertOkAsync();

        Assert.Equal(["T-1", "T-2"], outcome.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("ticketId").GetString()));
        await AssertGiftCardTotalsAsync(date, a);
    }

    [Fact]
    public async Task CsvRowForAnotherBusinessDate_IsRefusedNamingTheRow()
    {
        var date = NewDate();
        var (a, b) = (await fixture.Host.NewPositionAsync(10, NorthStore), await fixture.Host.NewPositionAsync(5, NorthStore));
        var lines = Sample("pos-batch.csv", date, a.Sku, b.Sku).Split("\r\n");
        lines[4] = lines[4].Replace($",{date},", ",2020-01-01,", StringComparison.Ordinal);

        var response = await Post(NorthKey, date, string.Join("\r\n", lines), "text/csv", batchId: "B-D");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Contains("2020-01-01", problem.FieldErrors("rows[5].business_date")[0], StringComparison.Ordinal);
        Assert.Equal(0, await fixture.DayJournalLengthAsync(NorthStore, date));
        Assert.Equal(10, await fixture.OnHandAsync(a));
    }

    [Fact]
    public async Task ReplayedIdempotencyKey_GetsTheOriginalAnswerAndChangesNothing()
    {
        var date = NewDate();
        var (a, b) = (await fixture.Host.NewPositionAsync(10, NorthStore), await fixture.Host.NewPositionAsync(5, NorthStore));
        var body = Sample("pos-batch.json", date, a.Sku, b.Sku);
        var first = await (await Post(NorthKey, date, body, "application/json", idempotencyKey: "k-" + date)).AssertOkAsync();
        var journal = await fixture.DayJournalLengthAsync(NorthStore, date);

        var replay = await Post(NorthKey, date, body, "application/json", idempotencyKey: "k-" + date);

        Assert.Equal(first.ToString(), (await replay.AssertOkAsync()).ToString());
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(journal, await fixture.DayJournalLengthAsync(NorthStore, date));
        Assert.Equal(9, await fixture.OnHandAsync(a));
    }

    [Fact]
    public async Task Close_ThenALateBatch_BecomesAnAdjustment()
    {
        var date = NewDate();
        var (a, b) = (await fixture.Host.NewPositionAsync(10, NorthStore), await fixture.Host.NewPositionAsync(5, NorthStore));
        await (await Post(NorthKey, date, Sample("pos-batch.json", date, a.Sku, b.Sku), "application/json")).AssertOkAsync();

        var closed = await (await fixture.Host.Client(NorthKey).PostAsync($"/v1/stores/{NorthStore}/days/{date}/close", null)).AssertOkAsync();
        var late = await Post(NorthKey, date, Sample("pos-batch.json", date, a.Sku, b.Sku).Replace("B-0930", "B-LATE").Replace("T-1002", "T-1003"), "application/json");

        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal("Summary", closed.GetProperty("posting").GetString());
        var outcome = await late.AssertOkAsync();
        Assert.Equal(["Duplicate", "RecordedLate"], outcome.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        Assert.Equal($"store-day-adjustment:{NorthStore}:{date}:B-LATE", outcome.GetProperty("adjustmentFactId").GetString());
        var day = await (await fixture.Host.Client(NorthKey).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertOkAsync();
        Assert.Equal(2, day.GetProperty("totals").GetProperty("tickets").GetInt32());
        Assert.Equal(1, day.GetProperty("lateTotals").GetProperty("tickets").GetInt32());
    }

    [Fact]
    public async Task Admin_MayActForAnyStore()
    {
        var date = NewDate();

        var response = await fixture.Host.Client(GatewayHost.AdminKey).GetAsync($"/v1/stores/{SouthStore}/days/{date}");

        var day = await response.AssertOkAsync();
        Assert.Equal("Open", day.GetProperty("status").GetString());
        Assert.Equal(0, day.GetProperty("totals").GetProperty("tickets").GetInt32());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheStoreDayOperations()
    {
        var document = await (await fixture.Host.Client(null).GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();

        Assert.Contains("/v1/stores/{store}/days/{date}/batches", document, StringComparison.Ordinal);
        Assert.Contains("/v1/stores/{store}/days/{date}/close", document, StringComparison.Ordinal);
        Assert.Contains("text/csv", document, StringComparison.Ordinal);
    }

    // Both gift-card batches: 75 of gift cards sold (not revenue, no tax), one unit of merchandise sold, nothing else moved.
    private async Task AssertGiftCardTotalsAsync(string date, PositionKey a)
    {
        var day = await (await fixture.Host.Client(NorthKey).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertOkAsync();
        var totals = day.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("tickets").GetInt32());
        Assert.Equal(75.00m, totals.GetProperty("giftCardsSold").GetDecimal());
        Assert.Equal(10.00m, totals.GetProperty("salesRevenue").GetDecimal());
        Assert.Equal(1.00m, totals.GetProperty("tax").GetDecimal());
        Assert.Equal(36.00m, totals.GetProperty("tenders").GetProperty("card").GetDecimal());
        Assert.Equal(50.00m, totals.GetProperty("tenders").GetProperty("cash").GetDecimal());
        Assert.Equal(0, day.GetProperty("pendingInventoryLines").GetInt32());
        Assert.Equal(9, await fixture.OnHandAsync(a));
    }

    private async Task AssertSampleTotalsAsync(string key, string date)
    {
        var day = await (await fixture.Host.Client(key).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertOkAsync();
        Assert.Equal("Open", day.GetProperty("status").GetString());
        var totals = day.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("tickets").GetInt32());
        Assert.Equal(44.98m, totals.GetProperty("salesRevenue").GetDecimal());
        Assert.Equal(19.99m, totals.GetProperty("returnsRevenue").GetDecimal());
        Assert.Equal(3.00m, totals.GetProperty("tax").GetDecimal());
        Assert.Equal(49.98m, totals.GetProperty("tenders").GetProperty("card").GetDecimal());
        Assert.Equal(-21.99m, totals.GetProperty("tenders").GetProperty("cash").GetDecimal());
        Assert.Equal(0, day.GetProperty("pendingInventoryLines").GetInt32());
    }

    /// <summary>Issue 17, fix 5: a batch id re-sent with other lines is 409 naming the batch and the ticket that differs.</summary>
    [Fact]
    public async Task ABatchIdResentWithOtherLines_Is409NamingTheTicket_TheSameBatchGetsTheOriginalAnswer()
    {
        var date = NewDate();
        var (a, b) = (await fixture.Host.NewPositionAsync(10, NorthStore), await fixture.Host.NewPositionAsync(5, NorthStore));
        var body = Sample("pos-batch.json", date, a.Sku, b.Sku);
        var first = await (await Post(NorthKey, date, body, "application/json")).AssertOkAsync();
        var journal = await fixture.DayJournalLengthAsync(NorthStore, date);

        var same = await (await Post(NorthKey, date, body, "application/json")).AssertOkAsync();
        var changed = body.Replace("\"quantity\": 2, \"unitPrice\": 19.99", "\"quantity\": 3, \"unitPrice\": 19.99", StringComparison.Ordinal)
            .Replace("\"amount\": 49.98", "\"amount\": 69.97", StringComparison.Ordinal);
        Assert.NotEqual(body, changed);
        var other = await Post(NorthKey, date, changed, "application/json");

        Assert.Equal(first.ToString(), same.ToString());
        var detail = (await other.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict")).GetProperty("detail").GetString()!;
        Assert.Contains("'B-0930'", detail, StringComparison.Ordinal);
        Assert.Contains("T-1001", detail, StringComparison.Ordinal);
        Assert.Equal(journal, await fixture.DayJournalLengthAsync(NorthStore, date));
        Assert.Equal(9, await fixture.OnHandAsync(a));
    }

    private Task<HttpResponseMessage> Post(string key, string date, string body, string mediaType, string? batchId = null, string? idempotencyKey = null, string store = NorthStore)
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
