namespace Parity.Dashboard.Business;

/// <summary>
/// A source of business health figures for the dashboard (ERP posting queue, settlement match rate, ...). Register
/// implementations in DI (<c>services.AddSingleton&lt;IBusinessHealthSource, MySource&gt;()</c>); the dashboard reads
/// them all every few seconds (<see cref="Hosting.DashboardOptions.BusinessCacheDuration"/>), never per request.
/// </summary>
public interface IBusinessHealthSource
{
    /// <summary>The section the figures are shown under (for example <c>Exception queue</c>).</summary>
    string Name { get; }

    /// <summary>Reads the current figures. Use the names of <see cref="BusinessFigureNames"/> where one fits.</summary>
    /// <param name="cancellationToken">Cancelled when the read takes too long.</param>
    Task<IReadOnlyList<BusinessFigure>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>One business figure.</summary>
/// <param name="Name">Its name; the well-known ones are in <see cref="BusinessFigureNames"/>.</param>
/// <param name="Label">What the dashboard prints next to it.</param>
/// <param name="Value">The figure, or null when unknown.</param>
/// <param name="Unit">Its unit (<c>count</c>, <c>percent</c>, <c>ms</c>).</param>
/// <param name="Breakdown">Optional split of the figure (by category, by owner, ...).</param>
public sealed record BusinessFigure(string Name, string Label, double? Value, string Unit, IReadOnlyDictionary<string, double>? Breakdown = null);

/// <summary>The figures the business health page expects; a name no source supplies is shown as awaiting a source.</summary>
public static class BusinessFigureNames
{
    /// <summary>Postings waiting to be sent to the ERP.</summary>
    public const string ErpPostingQueue = "erp.posting.queue";

    /// <summary>Posting attempts being retried.</summary>
    public const string ErpPostingRetries = "erp.posting.retries";

    /// <summary>Postings given up on (dead letters).</summary>
    public const string ErpDeadLetters = "erp.posting.dead_letters";

    /// <summary>Open exceptions in the exception queue (breakdown by category).</summary>
    public const string ExceptionsByCategory = "exceptions.by_category";

    /// <summary>Open exceptions by owner (breakdown by owning team).</summary>
    public const string ExceptionsByOwner = "exceptions.by_owner";

    /// <summary>Share of settlement lines matched to orders, in percent.</summary>
    public const string SettlementMatchRate = "settlement.match_rate";

    /// <summary>Time from a channel event to its ERP posting, in milliseconds.</summary>
    public const string EventToErpLatency = "erp.event_to_posting_latency";

    /// <summary>Every expected figure, in page order.</summary>
    public static IReadOnlyList<string> Expected { get; } =
        [ErpPostingQueue, ErpPostingRetries, ErpDeadLetters, ExceptionsByCategory, ExceptionsByOwner, SettlementMatchRate, EventToErpLatency];
}
