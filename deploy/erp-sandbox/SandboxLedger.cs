namespace Parity.ErpSandbox;

/// <summary>
/// The sandbox ERP's books and behaviour: documents by external id, the chart and item list, the rate limit,
/// outages and period close, and the counts tests read. One lock: the sandbox is about behaviour, not speed.
/// </summary>
public sealed class SandboxLedger
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SandboxDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _accounts;
    private readonly HashSet<string> _items;
    private readonly List<OutageWindow> _outages;
    private double _tokens;
    private DateTimeOffset _refilledAt;
    private readonly Dictionary<string, DateTimeOffset> _retryNotBefore = new(StringComparer.Ordinal);
    private long _requests, _received, _posted, _duplicates, _rejected, _throttled, _unavailable, _earlyRetries;

    /// <summary>Starts the books from <paramref name="options"/>.</summary>
    public SandboxLedger(SandboxOptions options, TimeProvider time)
    {
        _time = time;
        Options = options;
        _accounts = new Dictionary<string, string>(options.Accounts.Count > 0 ? options.Accounts : SandboxOptions.DefaultChart, StringComparer.Ordinal);
        _items = new HashSet<string>(options.Items.Count > 0 ? options.Items : Enumerable.Range(1, 9).Select(i => $"SKU-{i}"), StringComparer.Ordinal);
        _outages = [.. options.Outages];
        _tokens = options.Burst;
        _refilledAt = time.GetUtcNow();
    }

    /// <summary>The settings in effect (latency, rate limit, period close change at run time).</summary>
    public SandboxOptions Options { get; }

    /// <summary>The counts so far.</summary>
    public SandboxCounts Counts
    {
        get
        {
            lock (_lock)
            {
                return new SandboxCounts(_requests, _received, _posted, _duplicates, _rejected, _throttled, _unavailable, _earlyRetries);
            }
        }
    }

    /// <summary>The chart of accounts.</summary>
    public IReadOnlyDictionary<string, string> Accounts
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_accounts);
            }
        }
    }

    /// <summary>The item list.</summary>
    public IReadOnlyList<string> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Every booked document, in booking order.</summary>
    public IReadOnlyList<SandboxDocument> Documents
    {
        get
        {
            lock (_lock)
            {
                return [.. _documents.Values.OrderBy(d => d.DocumentId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The document booked under an external id, or null.</summary>
    public SandboxDocument? Find(string externalId)
    {
        lock (_lock)
        {
            return _documents.GetValueOrDefault(externalId);
        }
    }

    /// <summary>
    /// Decides whether a request for <paramref name="externalId"/> may be handled now: null when it may, else the status
    /// and Retry-After. A request for a journal that was told to retry later and comes back sooner counts as an early retry.
    /// </summary>
    public (int Status, int RetryAfterSeconds)? Admit(string? externalId)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            _requests++;
            var key = externalId ?? "";
            if (_retryNotBefore.TryGetValue(key, out var notBefore) && now < notBefore)
            {
                _earlyRetries++;
            }

            if (_outages.Find(o => o.From <= now && now < o.Until) is { } outage)
            {
                _unavailable++;
                var retryAfter = Math.Max(1, Math.Min(Options.OutageRetryAfterSeconds, (int)Math.Ceiling((outage.Until - now).TotalSeconds)));
                _retryNotBefore[key] = now + TimeSpan.FromSeconds(retryAfter);
                return (503, retryAfter);
            }

            if (Options.RatePerSecond > 0)
            {
                _tokens = Math.Min(Options.Burst, _tokens + (now - _refilledAt).TotalSeconds * Options.RatePerSecond);
                _refilledAt = now;
                if (_tokens < 1)
                {
                    _throttled++;
                    var retryAfter = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / Options.RatePerSecond));
                    _retryNotBefore[key] = now + TimeSpan.FromSeconds(retryAfter);
                    return (429, retryAfter);
                }

                _tokens -= 1;
            }

            _retryNotBefore.Remove(key);
            _received++;
            return null;
        }
    }

    /// <summary>Books a journal: the existing document for a known external id, else a new one, else a rejection.</summary>
    public (JournalResponse? Booked, RejectionResponse? Refused) Post(JournalRequest journal)
    {
        lock (_lock)
        {
            if (string.IsNullOrWhiteSpace(journal.ExternalId) || journal.Date is null || string.IsNullOrWhiteSpace(journal.Currency)
                || journal.Lines is not { Count: > 0 })
            {
                _rejected++;
                return (null, new RejectionResponse("Invalid", "externalId, date, currency and at least one line are required."));
            }

            // Dedupe first: whatever changed since (a closed period), the first answer stands.
            if (_documents.TryGetValue(journal.ExternalId, out var existing))
            {
                _duplicates++;
                return (new JournalResponse(existing.DocumentId, Duplicate: true), null);
            }

            var refusal = Validate(journal);
            if (refusal is not null)
            {
                _rejected++;
                return (null, refusal);
            }

            _posted++;
            var document = new SandboxDocument($"JE-{_posted:D6}", journal, _time.GetUtcNow());
            _documents.Add(journal.ExternalId, document);
            return (new JournalResponse(document.DocumentId, Duplicate: false), null);
        }
    }

    /// <summary>Starts an outage now, for <paramref name="duration"/>.</summary>
    public OutageWindow StartOutage(TimeSpan duration)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var window = new OutageWindow(now, now + duration);
            _outages.Add(window);
            return window;
        }
    }

    /// <summary>Ends every outage now.</summary>
    public void EndOutages()
    {
        lock (_lock)
        {
            _outages.Clear();
        }
    }

    /// <summary>Applies run-time settings.</summary>
    public void Apply(SandboxSettings settings)
    {
        lock (_lock)
        {
            if (settings.LatencyMs is { } latency) Options.Latency = TimeSpan.FromMilliseconds(latency);
            if (settings.RatePerSecond is { } rate) Options.RatePerSecond = rate;
            if (settings.Burst is { } burst)
            {
                Options.Burst = burst;
                _tokens = Math.Min(_tokens, burst);
            }

            if (settings.ClosedThrough is { } closed) Options.ClosedThrough = closed;
        }
    }

    /// <summary>Adds (or renames) an account.</summary>
    public void AddAccount(string number, string name)
    {
        lock (_lock)
        {
            _accounts[number] = name;
        }
    }

    private RejectionResponse? Validate(JournalRequest journal)
    {
        if (Options.ClosedThrough is { } closed && journal.Date <= closed)
        {
            return new RejectionResponse("PeriodClosed", $"The period of {journal.Date:yyyy-MM-dd} is closed (closed through {closed:yyyy-MM-dd}).");
        }

        foreach (var line in journal.Lines!)
        {
            if (line.Account is null || !_accounts.ContainsKey(line.Account))
            {
                return new RejectionResponse("UnknownAccount", $"Account '{line.Account}' is not in the chart of accounts.");
            }

            if (line.Item is not null && !_items.Contains(line.Item))
            {
                return new RejectionResponse("UnknownItem", $"Item '{line.Item}' is not in the item list.");
            }

            if (line.Debit < 0 || line.Credit < 0 || (line.Debit != 0) == (line.Credit != 0))
            {
                return new RejectionResponse("Invalid", $"A line on account {line.Account} must have either a positive debit or a positive credit.");
            }
        }

        var debit = journal.Lines.Sum(l => l.Debit);
        var credit = journal.Lines.Sum(l => l.Credit);
        return debit == credit ? null : new RejectionResponse("Unbalanced", $"Debits {debit} and credits {credit} differ.");
    }
}
