using System.Globalization;
using Parity.Grains.Items;
using Parity.Grains.Orders;
using Parity.Grains.Posting;
using Parity.Grains.StoreDays;

namespace Parity.Erp.Tests.Testing;

/// <summary>Settings, names and waits the ERP tests' clusters share.</summary>
internal static class ErpCluster
{
    /// <summary>Fast retries for tests (configuration <c>Parity:Erp</c>): the outage and the backoff are what is
    /// tested, not their default lengths.</summary>
    public static Dictionary<string, string?> QuickRetries() => new()
    {
        [Erp(nameof(ErpPostingOptions.FirstRetryDelay))] = Span(TimeSpan.FromMilliseconds(100)),
        [Erp(nameof(ErpPostingOptions.MaxRetryDelay))] = Span(TimeSpan.FromSeconds(2)),
        [Erp(nameof(ErpPostingOptions.CircuitFailureThreshold))] = "3",
        [Erp(nameof(ErpPostingOptions.CircuitBreakDuration))] = Span(TimeSpan.FromSeconds(1)),
        [Erp(nameof(ErpPostingOptions.RatePerSecond))] = "10000",
        [Erp(nameof(ErpPostingOptions.Burst))] = "1000",
        [Erp(nameof(ErpPostingOptions.ReminderPeriod))] = Span(TimeSpan.FromSeconds(1)),
    };

    /// <summary>Quick retries, posting over HTTP to <paramref name="sandbox"/> (<c>Parity:Erp:BaseUrl</c>): each silo
    /// builds its own connector and gate from it, as a silo process does.</summary>
    public static Dictionary<string, string?> QuickRetriesTo(SandboxServer sandbox)
    {
        var settings = QuickRetries();
        settings[Erp(nameof(ErpPostingOptions.BaseUrl))] = sandbox.Address.ToString();
        return settings;
    }

    /// <summary>
    /// The end-to-end day's silo: quick retries to <paramref name="sandbox"/>, the hledger export into
    /// <paramref name="hledgerDirectory"/>, web and Amazon orders sourced from DC-1 and settled by Stripe (cards) and
    /// Amazon, one unit-cost table for orders and store days (both post COGS against inventory), store days in EUR.
    /// </summary>
    public static Dictionary<string, string?> FullDay(SandboxServer sandbox, string hledgerDirectory, TimeSpan? parkingWindow = null)
    {
        var settings = QuickRetriesTo(sandbox);
        settings[Erp(nameof(ErpPostingOptions.HledgerDirectory))] = hledgerDirectory;
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PostingRetryPeriod)}"] = Span(TimeSpan.FromMilliseconds(100));
        if (parkingWindow is { } window)
        {
            settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.ParkingWindow)}"] = Span(window);
        }

        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PaymentProviders)}:web/card"] = "stripe";
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PaymentProviders)}:amazon"] = "amazon";
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.Sourcing)}:{nameof(SourcingRules.Channels)}:web:0"] = "DC-1";
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.Sourcing)}:{nameof(SourcingRules.Channels)}:amazon:0"] = "DC-1";
        settings[$"{ItemCostOptions.SectionName}:{nameof(ItemCostOptions.UnitCosts)}:SKU-DAY"] = "40";
        settings[$"{ItemCostOptions.SectionName}:{nameof(ItemCostOptions.UnitCosts)}:SKU-POS"] = "15";
        settings[$"{StoreDayOptions.SectionName}:{nameof(StoreDayOptions.Currency)}"] = "EUR";
        settings[$"{StoreDayOptions.SectionName}:{nameof(StoreDayOptions.RetryPeriod)}"] = Span(TimeSpan.FromMilliseconds(200));
        return settings;
    }

    /// <summary>The configuration key of an ERP posting option.</summary>
    public static string Erp(string option) => $"{ErpPostingOptions.SectionName}:{option}";

    /// <summary>A time span as configuration writes it.</summary>
    public static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>A legal entity nobody else uses, so tests sharing a cluster do not see each other's journals.</summary>
    public static string NewLegalEntity() => $"LE-{Guid.NewGuid():N}"[..15];

    /// <summary>A sales channel nobody else uses, so the reconciliation figures of a channel and day are one test's.</summary>
    public static string NewChannel() => $"ch-{Guid.NewGuid():N}"[..15];

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}.");
            }

            await Task.Delay(20);
        }
    }
}
