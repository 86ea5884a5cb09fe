using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.Items;
using Parity.Grains.Posting;
using Parity.Grains.StoreDays;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>What every store-day test silo sets beside its storage: the test stores, unit costs, and the posting double.</summary>
internal static class StoreDaySiloOptions
{
    /// <summary>Posts per ticket to <see cref="TicketEntity"/>.</summary>
    public const string TicketStore = "STORE-TICKET";

    public const string TicketEntity = "LE-TICKET";

    /// <summary>Posts a summary (the default granularity) to <see cref="SummaryEntity"/>.</summary>
    public const string SummaryStore = "STORE-SUMMARY";

    public const string SummaryEntity = "LE-SUMMARY";

    /// <summary>Posts per ticket to <see cref="FlakyEntity"/>, which tests make fail.</summary>
    public const string FlakyStore = "STORE-FLAKY";

    public const string FlakyEntity = "LE-FLAKY";

    /// <summary>Posts per ticket to <see cref="CrashEntity"/>; for the silo-crash test.</summary>
    public const string CrashStore = "STORE-CRASH";

    public const string CrashEntity = "LE-CRASH";

    /// <summary>A SKU with a unit cost of 12.125 (a third decimal, so rounding shows).</summary>
    public const string CostedSku = "SKU-COSTED-A";

    /// <summary>A SKU with a unit cost of 7.</summary>
    public const string OtherCostedSku = "SKU-COSTED-B";

    /// <summary>Retries every 300 ms instead of minutes, the stores above, two unit costs, and the recording intake.</summary>
    public static ISiloBuilder AddStoreDayTestOptions(this ISiloBuilder silo)
    {
        silo.Services.Configure<StoreDayOptions>(options =>
        {
            options.RetryPeriod = TimeSpan.FromMilliseconds(300);
            options.Stores[TicketStore] = new StoreDayStoreOptions { PostingGranularity = PostingGranularity.PerTicket, LegalEntity = TicketEntity };
            options.Stores[SummaryStore] = new StoreDayStoreOptions { LegalEntity = SummaryEntity, Currency = "EUR" };
            options.Stores[FlakyStore] = new StoreDayStoreOptions { PostingGranularity = PostingGranularity.PerTicket, LegalEntity = FlakyEntity };
            options.Stores[CrashStore] = new StoreDayStoreOptions { PostingGranularity = PostingGranularity.PerTicket, LegalEntity = CrashEntity };
        });
        silo.Services.Configure<ItemCostOptions>(costs =>
        {
            costs.UnitCosts[CostedSku] = 12.125m;
            costs.UnitCosts[OtherCostedSku] = 7m;
        });

        // The store day's retry reminder ticks at RetryPeriod; Orleans refuses periods under a minute unless told.
        silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
        silo.WithoutGrainClass<PostingIntakeGrain>();
        return silo;
    }
}
