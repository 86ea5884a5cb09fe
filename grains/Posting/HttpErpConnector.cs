using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.GrainInterfaces.Erp;

namespace Parity.Grains.Posting;

/// <summary>
/// Talks to an ERP's HTTP journal API (the sandbox ERP's, <c>POST {base}/api/journals</c>) and maps every answer
/// to an <see cref="ErpOutcome"/>: 201 → Posted; 200 or 409 with a document id → Duplicate; 429 → Transient
/// (throttled, Retry-After); 408, 5xx, timeouts and broken connections → Transient; any other 4xx → Rejected with
/// the ERP's category. Never throws for an ERP failure.
/// </summary>
public sealed class HttpErpConnector : IErpConnector
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <summary>Uses <paramref name="http"/>, whose BaseAddress is the ERP's base URL.</summary>
    public HttpErpConnector(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(http.BaseAddress);
        _http = http;
    }

    /// <inheritdoc />
    public async Task<ErpOutcome> PostAsync(ErpJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var body = new
        {
            externalId = journal.JournalKey,
            legalEntity = journal.LegalEntity,
            currency = journal.Currency,
            date = journal.PostingDate,
            description = journal.Description,
            lines = journal.Lines.Select(l => new
            {
                account = l.Account,
                debit = l.Side == JournalSide.Debit ? l.Amount : 0m,
                credit = l.Side == JournalSide.Credit ? l.Amount : 0m,
                channel = l.Channel,
                location = l.Location,
                memo = l.Memo,
            }),
        };
        try
        {
            using var response = await _http.PostAsJsonAsync("api/journals", body, Json, cancellationToken);
            return await MapAsync(response, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return new ErpTransient(null, $"The ERP did not answer: {e.Message}");
        }
    }

    private static async Task<ErpOutcome> MapAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created:
            case HttpStatusCode.OK:
            case HttpStatusCode.Conflict:
                var document = await ReadAsync<DocumentAnswer>(response, cancellationToken);
                if (document?.DocumentId is { Length: > 0 } id)
                {
                    return response.StatusCode == HttpStatusCode.Created && !document.Duplicate ? new ErpPosted(id) : new ErpDuplicate(id);
                }

                return response.StatusCode == HttpStatusCode.Conflict
                    ? new ErpRejected("Conflict", "The ERP reported a conflict without naming the existing document.")
                    : new ErpTransient(null, $"The ERP answered {status} without a document id.");
            case HttpStatusCode.TooManyRequests:
                return new ErpTransient(RetryAfter(response), "The ERP's rate limit was exceeded (429).", Throttled: true);
            case HttpStatusCode.RequestTimeout:
                return new ErpTransient(RetryAfter(response), "The ERP timed out (408).");
        }

        if (status >= 500)
        {
            return new ErpTransient(RetryAfter(response), $"The ERP is unavailable ({status}).");
        }

        var rejection = await ReadAsync<RejectionAnswer>(response, cancellationToken);
        return new ErpRejected(rejection?.Category ?? $"Http{status}", rejection?.Message ?? $"The ERP refused the journal ({status}).");
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record DocumentAnswer(string? DocumentId, bool Duplicate);

    private sealed record RejectionAnswer(string? Category, string? Message);
}
