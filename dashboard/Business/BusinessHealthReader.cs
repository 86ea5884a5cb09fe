using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.Dashboard.Hosting;

namespace Parity.Dashboard.Business;

/// <summary>The business health page's data: every source read at most once per cache period, whatever the number of
/// open dashboards; a failing source shows its error instead of hiding the others.</summary>
internal sealed partial class BusinessHealthReader(
    IEnumerable<IBusinessHealthSource> sources, IOptions<DashboardOptions> options, TimeProvider time, ILogger<BusinessHealthReader> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BusinessHealthView? _cached;

    public async Task<BusinessHealthView> ReadAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } hit)
        {
            return hit;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_cached) is { } again)
            {
                return again;
            }

            var results = await Task.WhenAll(sources.Select(ReadOneAsync));
            var supplied = results.SelectMany(r => r.Figures).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var view = new BusinessHealthView(time.GetUtcNow(), results, BusinessFigureNames.Expected.Where(n => !supplied.Contains(n)).ToList());
            _cached = view;
            return view;
        }
        finally
        {
            _gate.Release();
        }
    }

    private BusinessHealthView? Fresh(BusinessHealthView? view) =>
        view is not null && time.GetUtcNow() - view.Timestamp < options.Value.BusinessCacheDuration ? view : null;

    private async Task<BusinessSourceView> ReadOneAsync(IBusinessHealthSource source)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            return new BusinessSourceView(source.Name, await source.ReadAsync(timeout.Token), null);
        }
        catch (Exception e)
        {
            LogSourceFailed(logger, e, source.Name);
            return new BusinessSourceView(source.Name, [], e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Business health source {Source} failed")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source);
}

/// <summary>The business health page.</summary>
/// <param name="Timestamp">When the sources were read.</param>
/// <param name="Sources">Each source's figures or error.</param>
/// <param name="Awaiting">Expected figures no registered source supplies yet.</param>
public sealed record BusinessHealthView(DateTimeOffset Timestamp, IReadOnlyList<BusinessSourceView> Sources, IReadOnlyList<string> Awaiting);

/// <summary>One source's figures.</summary>
/// <param name="Name">The source.</param>
/// <param name="Figures">Its figures.</param>
/// <param name="Error">Why it could not be read, or null.</param>
public sealed record BusinessSourceView(string Name, IReadOnlyList<BusinessFigure> Figures, string? Error);
