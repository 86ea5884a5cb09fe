using System.Text.Json;
using Orleans.Runtime;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.StoreDays;
using Parity.Providers.Journal;
using static Parity.Gateway.Tests.StoreDays.PosGatewayFixture;

namespace Parity.Gateway.Tests.StoreDays;

/// <summary>Issue 17, fix 3: a store day whose journal already holds a batch overflowing its totals (written before the
/// bounds) still answers its reads, naming the batch, and the exception console gets one entry naming the day.</summary>
public sealed class PoisonedStoreDayTests(PosGatewayFixture fixture) : IClassFixture<PosGatewayFixture>
{
    [Fact]
    public async Task ADayWhoseBatchOverflowsItsTotals_StillAnswers_NamingTheBatch_AndRaisesOneException()
    {
        var date = NewDate();
        var huge = 50_000_000_000_000_000_000_000_000_000m;
        var day = $"{NorthStore}:{date}";
        PosTicket Ticket(string id) => new(id, DateTimeOffset.UtcNow, [new PosTicketLine(PosLineType.Sale, "SKU-POISON", 1, huge, 0m)], [new PosTender("card", huge)]);
        StoreDayEvent poisoned = new PosBatchRecorded("B-POISON", "00", [Ticket("T-1"), Ticket("T-2")], false,
            new PosBatchOutcome("B-POISON", day, [new PosTicketOutcome("T-1", PosTicketStatus.Recorded), new PosTicketOutcome("T-2", PosTicketStatus.Recorded)], null));
        await fixture.Host.Journal.AppendAsync(GrainId.Create("store-day", day), 0,
            [new JournalEntry(1, poisoned.GetType().Name, JsonSerializer.Serialize(poisoned, ParityJournal.DefaultJsonOptions),
                new EventMetadata("corr-poison", null, "pos", "B-POISON", DateTimeOffset.UtcNow))]);

        var view = await (await fixture.Host.Client(NorthKey).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertOkAsync();
        await (await fixture.Host.Client(NorthKey).GetAsync($"/v1/stores/{NorthStore}/days/{date}")).AssertOkAsync();

        Assert.Contains("B-POISON", Assert.Single(view.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(1, view.GetProperty("totals").GetProperty("tickets").GetInt32());
        var raised = (await fixture.Host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).GetAsync())
            .Where(r => r.Message.Contains(day, StringComparison.Ordinal)).ToList();
        Assert.Contains("B-POISON", Assert.Single(raised).Message, StringComparison.Ordinal);
    }
}
