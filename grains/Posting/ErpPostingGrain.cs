using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Reconciliation;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Grains.Telemetry;
using Parity.Providers.Journal;

namespace Parity.Grains.Posting;

/// <summary>
/// Sends one legal entity's journals (the key) to the ERP through <see cref="IErpConnector"/>. Guarantees:
/// <list type="bullet">
/// <item>a journal is queued durably before the caller hears so, once per journal key, and leaves the queue only
/// by a journaled outcome: posted (with the ERP's document id) or rejected (held, reported as ErpRejected);</item>
/// <item>never a duplicate: the ERP dedupes on the journal key (external id); a resend after a lost answer comes
/// back Duplicate with the first document id and is recorded as posted;</item>
/// <item>transient failures back off exponentially with jitter, at least as long as Retry-After; the silo's
/// <see cref="ErpGate"/> keeps within the ERP's rate limit and opens a circuit during an outage (ErpUnavailable);</item>
/// <item>a reminder exists while anything is queued, so a collected activation or a dead silo resumes;</item>
/// <item>enqueueing never waits for the ERP: sending runs between turns, up to <see cref="ErpPostingOptions.MaxConcurrentPosts"/>
/// journals at a time from the head of the queue;</item>
/// <item>a posted journal is never edited: <see cref="ReverseAsync"/> queues a reversing entry;</item>
/// <item>each outage is one ErpUnavailable exception, resolved by this grain with the outage's history (began, most
/// journals queued, ERP back, queue drained) once the queue has drained after it.</item>
/// </list>
/// </summary>
[GrainType("erp-posting")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class ErpPostingGrain : JournaledGrain<ErpPostingState, ErpPostingEvent>, IErpPostingGrain, IRemindable
{
    /// <summary>Name of the queue's reminder.</summary>
    public const string ReminderName = "erp-posting-queue";

    private readonly PostingRuleBook _rules;
    private readonly IErpConnector _connector;
    private readonly ErpPostingOptions _options;
    private readonly ErpGate _gate;
    private readonly HledgerExporter? _exporter;
    private readonly TimeProvider _clock;
    private readonly ILogger<ErpPostingGrain> _logger;
    private readonly ParityMetrics _metrics;
    private bool _sending;
    private bool _reminderRegistered;
    private IGrainTimer? _wakeTimer;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;
    private int _failures;
    private DateTimeOffset? _failingSince;

    private string Key => this.GetPrimaryKeyString();

    /// <summary>Creates the grain from the silo's services; what is not registered falls back to a safe default
    /// (default rules, no ERP — journals queue —, a gate of its own, no export).</summary>
    public ErpPostingGrain(
        TimeProvider clock, ILogger<ErpPostingGrain> logger, ParityMetrics metrics,
        PostingRuleBook? rules = null, IErpConnector? connector = null, IOptions<ErpPostingOptions>? options = null,
        ErpGate? gate = null, HledgerExporter? exporter = null)
    {
        _clock = clock;
        _logger = logger;
        _metrics = metrics;
        _rules = rules ?? new PostingRuleBook(PostingRulesOptions.CreateDefault());
        _connector = connector ?? new UnconfiguredErpConnector();
        _options = options?.Value ?? new ErpPostingOptions();
        _gate = gate ?? new ErpGate(_options);
        _exporter = exporter;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (HasWork)
        {
            await EnsureReminderAsync();
            Kick();
        }
    }

    /// <inheritdoc />
    public async Task<int> EnqueueAsync(IReadOnlyList<PostingRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var now = _clock.GetUtcNow();
        var added = 0;
        foreach (var request in requests)
        {
            var journal = request.Journal;
            if (!string.Equals(journal.LegalEntity, Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Journal {journal.JournalKey} belongs to legal entity '{journal.LegalEntity}', not '{Key}'.", nameof(requests));
            }

            if (TentativeState.Knows(journal.JournalKey))
            {
                continue;
            }

            using (new EventSource(null, journal.JournalKey).Scope())
            {
                RaiseEvent(new JournalQueued(request, now));
            }

            added++;
        }

        if (added > 0)
        {
            Kick();

            // Before the caller hears a journal is queued, a reminder must exist that resumes the queue after a crash.
            await EnsureReminderAsync();
        }

        // Also when nothing was added: the journals found may still be on their way to storage.
        await ConfirmEvents();
        return added;
    }

    /// <inheritdoc />
    public async Task<bool> RetryRejectedAsync(string journalKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalKey);
        if (!TentativeState.Rejected.TryGetValue(journalKey, out var rejected))
        {
            return false;
        }

        var journal = rejected.Request.Journal;
        if (rejected.Request.Fact is { } fact)
        {
            switch (_rules.Current.Build(fact))
            {
                case JournalBuilt built:
                    // Same source events, same rule: the same key, so the ERP still dedupes whatever happened before.
                    journal = built.Journal with { JournalKey = journalKey };
                    break;
                case JournalHeld held:
                    _logger.LogInformation("Rejected journal {JournalKey} still cannot be built: {Reason}", journalKey, held.Reason);
                    return false;
                case NothingToPost nothing:
                    _logger.LogInformation("Rejected journal {JournalKey} is not retried: {Reason}", journalKey, nothing.Reason);
                    return false;
            }
        }

        using (new EventSource("parity", $"retry:{journalKey}:{rejected.Sequence}").Scope())
        {
            RaiseEvent(new RejectedJournalRequeued(rejected.Request with { Journal = journal }, _clock.GetUtcNow()));
        }

        Kick();
        await EnsureReminderAsync();
        await ConfirmEvents();
        return true;
    }

    /// <inheritdoc />
    public async Task<string> ReverseAsync(string journalKey, string correctionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalKey);
        ArgumentException.ThrowIfNullOrEmpty(correctionId);
        var reversalKey = JournalKeys.ForReversal(journalKey, correctionId);
        if (TentativeState.Knows(reversalKey))
        {
            await ConfirmEvents();
            return reversalKey;
        }

        ErpJournal original;
        if (TentativeState.Queue.Find(q => q.Request.Journal.JournalKey == journalKey) is { } queued)
        {
            original = queued.Request.Journal;
        }
        else if (TentativeState.Posted.TryGetValue(journalKey, out var posted))
        {
            // The body left the state when it was posted; the journal event that queued it still has it.
            var events = await RetrieveConfirmedEvents(checked((int)posted.Sequence - 1), checked((int)posted.Sequence));
            original = events.Single() switch
            {
                JournalQueued e => e.Request.Journal,
                RejectedJournalRequeued e => e.Request.Journal,
                var other => throw new InvalidOperationException($"Event {posted.Sequence} of {this.GetGrainId()} is a {other.GetType().Name}, not the journal {journalKey}."),
            };
        }
        else if (TentativeState.Rejected.ContainsKey(journalKey))
        {
            throw new InvalidOperationException($"Journal {journalKey} was rejected by the ERP and never posted; retry or resolve it instead of reversing it.");
        }
        else
        {
            throw new ArgumentException($"Legal entity {Key} has no journal {journalKey}.", nameof(journalKey));
        }

        if (TentativeState.Knows(reversalKey))
        {
            await ConfirmEvents();
            return reversalKey;
        }

        var reversal = PostingRules.Reverse(original, correctionId, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
        using (new EventSource("parity", $"correction:{correctionId}").Scope())
        {
            RaiseEvent(new JournalQueued(new PostingRequest(reversal, null), _clock.GetUtcNow()));
        }

        Kick();
        await EnsureReminderAsync();
        await ConfirmEvents();
        return reversalKey;
    }

    /// <inheritdoc />
    public Task<ErpPostingStatus> GetStatusAsync() => Task.FromResult(new ErpPostingStatus(
        TentativeState.Queue.Count, TentativeState.Posted.Count, TentativeState.Rejected.Count, _gate.CircuitOpen,
        TentativeState.Queue.Count > 0 ? TentativeState.Queue[0].QueuedAt : null, _failures));

    /// <inheritdoc />
    public Task<string?> GetDocumentIdAsync(string journalKey) =>
        Task.FromResult(TentativeState.Posted.TryGetValue(journalKey, out var posted) ? posted.DocumentId : null);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName || !HasWork)
        {
            await this.UnregisterReminderAsync(reminderName);
            _reminderRegistered = false;
            return;
        }

        Kick();
    }

    private bool HasWork => TentativeState.Queue.Count > 0 || TentativeState.Rejected.Values.Any(r => !r.Reported) || TentativeState.Outage is not null;

    private async Task EnsureReminderAsync()
    {
        if (!_reminderRegistered)
        {
            await this.RegisterReminderAsync(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
            _reminderRegistered = true;
        }
    }

    /// <inheritdoc />
    protected override void TransitionState(ErpPostingState state, ErpPostingEvent @event) => state.Apply(@event);

    private void Kick()
    {
        if (!_sending && HasWork)
        {
            _ = SendLoopAsync();
        }
    }

    private void ScheduleWake(TimeSpan delay)
    {
        if (_wakeTimer is null)
        {
            _wakeTimer = this.RegisterGrainTimer(_ => { Kick(); return Task.CompletedTask; }, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _wakeTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    // Runs between turns on the activation's scheduler, so enqueue calls keep being answered while the ERP is slow
    // or down. Sends only journals whose queueing is durable, and journals each outcome before the next send.
    private async Task SendLoopAsync()
    {
        _sending = true;
        RequestContext.Clear();
        var queuedMeanwhile = false;
        try
        {
            await ReportRejectionsAsync();
            while (TentativeState.Queue.Count > 0)
            {
                await ConfirmEvents();
                if (TentativeState.Queue.Count == 0)
                {
                    break;
                }

                var now = _clock.GetUtcNow();
                var wait = _notBefore > now ? _notBefore - now : TimeSpan.Zero;
                var batch = new List<ErpJournal>(_options.MaxConcurrentPosts);
                while (wait == TimeSpan.Zero && batch.Count < Math.Min(_options.MaxConcurrentPosts, TentativeState.Queue.Count))
                {
                    wait = _gate.TryAcquire(now);
                    if (wait == TimeSpan.Zero)
                    {
                        batch.Add(TentativeState.Queue[batch.Count].Request.Journal);
                    }
                }

                if (batch.Count == 0)
                {
                    ScheduleWake(wait);
                    return;
                }

                // Journals are independent, so a few go at once; each keeps its own key, so the ERP still dedupes.
                var outcomes = await Task.WhenAll(batch.Select(SendAsync));
                await RecordAsync(batch, outcomes);
            }

            // Rejection reports raised after the last send must not wait for the next call to become durable.
            await ConfirmEvents();
            if (TentativeState.Queue.Count == 0 && TentativeState.Outage is { } outage)
            {
                await EndOutageAsync(outage);
            }

            queuedMeanwhile = TentativeState.Queue.Count > 0;
        }
        catch (Exception e)
        {
            // A failed append reloads the grain; anything else is retried. The reminder is the backstop.
            _logger.LogWarning(e, "The ERP posting loop of {LegalEntity} stopped; retrying", Key);
            ScheduleWake(_options.FirstRetryDelay);
        }
        finally
        {
            _sending = false;
        }

        // A journal queued while the last outcomes were being confirmed found this loop still running and did not
        // start another; without this it would wait for the reminder.
        if (queuedMeanwhile)
        {
            Kick();
        }
    }

    private async Task<ErpOutcome> SendAsync(ErpJournal journal)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout);
        try
        {
            return await _connector.PostAsync(journal, timeout.Token);
        }
        catch (Exception e)
        {
            // A connector should not throw, but if it does the journal is simply not known to be posted.
            return new ErpTransient(null, e.Message);
        }
    }

    // Journals every outcome of a batch, then (once durable) exports what was posted and reports rejections.
    private async Task RecordAsync(IReadOnlyList<ErpJournal> batch, IReadOnlyList<ErpOutcome> outcomes)
    {
        var now = _clock.GetUtcNow();
        var posted = new List<(ErpJournal Journal, string DocumentId)>();
        // Read before the outcomes are applied: a posted journal leaves the queue, and with it its fact.
        var queued = TentativeState.Queue.Where(q => batch.Any(j => j.JournalKey == q.Request.Journal.JournalKey))
            .ToDictionary(q => q.Request.Journal.JournalKey, StringComparer.Ordinal);
        var observations = new List<(string Channel, DateOnly Day, FigureObservation Observation)>();
        ErpTransient? failure = null;
        TimeSpan? throttledFor = null;
        bool? reportOutage = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var journal = batch[i];
            switch (outcomes[i])
            {
                case ErpPosted p:
                    using (new EventSource("erp", p.DocumentId).Scope())
                    {
                        RaiseEvent(new JournalPosted(journal.JournalKey, p.DocumentId, false, now));
                    }

                    posted.Add((journal, p.DocumentId));
                    _metrics.ErpJournal("posted");
                    Observe(observations, queued.GetValueOrDefault(journal.JournalKey), journal, now, duplicate: false);
                    break;
                case ErpDuplicate d:
                    using (new EventSource("erp", d.ExistingDocumentId).Scope())
                    {
                        RaiseEvent(new JournalPosted(journal.JournalKey, d.ExistingDocumentId, true, now));
                    }

                    posted.Add((journal, d.ExistingDocumentId));
                    _metrics.ErpJournal("duplicate");
                    Observe(observations, queued.GetValueOrDefault(journal.JournalKey), journal, now, duplicate: true);
                    break;
                case ErpRejected r:
                    using (new EventSource("erp", journal.JournalKey).Scope())
                    {
                        RaiseEvent(new JournalRejected(journal.JournalKey, r.Category, r.Message));
                    }

                    _logger.LogWarning("The ERP rejected journal {JournalKey} of {LegalEntity}: {Category} {Message}", journal.JournalKey, Key, r.Category, r.Message);
                    _metrics.ErpJournal("rejected");
                    break;
                case ErpTransient t when t.Throttled:
                    throttledFor = t.RetryAfter is { } after && (throttledFor is null || after > throttledFor) ? after : throttledFor ?? _options.FirstRetryDelay;
                    break;
                case ErpTransient t:
                    failure = t.RetryAfter > failure?.RetryAfter ? t : failure ?? t;
                    break;
            }
        }

        if (failure is null && throttledFor is null)
        {
            _gate.Success();
            _failures = 0;
            _failingSince = null;
            _notBefore = DateTimeOffset.MinValue;
        }

        if (throttledFor is { } wait)
        {
            // A 429 means the ERP is up: slow the whole silo down for Retry-After, no circuit.
            _gate.Throttled(now, wait);
            _notBefore = now + wait;
        }

        if (failure is not null)
        {
            // One failure per batch: the circuit counts attempts to reach the ERP, not journals.
            _failures++;
            _failingSince ??= now;
            var delay = ErpBackoff.Delay(_failures, failure.RetryAfter, _options, Random.Shared.NextDouble());

            _notBefore = now + delay > _notBefore ? now + delay : _notBefore;
            _logger.LogInformation("ERP unavailable for {LegalEntity} ({Message}); {Queued} queued, retrying in {Delay}", Key, failure.Message, TentativeState.Queue.Count, delay);
            // Reported when this failure opens the circuit, or when another legal entity's did and this one's journals
            // now wait too; each outage of this legal entity is one exception.
            if (_gate.Failure(now) || (_gate.CircuitOpen && TentativeState.Outage is null))
            {
                var began = TentativeState.Outage is null;
                if (began)
                {
                    var startedAt = _failingSince ?? now;
                    RaiseEvent(new ErpOutageBegan($"erp/{Key}/unavailable/{startedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}", startedAt, failure.Message));
                }

                reportOutage = began;
            }
        }

        await ConfirmEvents();
        if (reportOutage is { } first)
        {
            // Only once the outage is durable: an exception this grain does not know of could never be resolved by it.
            await ReportUnavailableAsync(now, first);
        }

        if (_exporter is not null)
        {
            foreach (var (journal, documentId) in posted)
            {
                try
                {
                    _exporter.Export(journal, documentId);
                }
                catch (IOException e)
                {
                    _logger.LogError(e, "Exporting journal {JournalKey} to hledger failed; the ERP has it as {DocumentId}", journal.JournalKey, documentId);
                }
            }
        }

        await ReportRejectionsAsync();
        await ReportFiguresAsync(observations);
    }

    // The reconciliation figures of the fact's channel and day: posted, share automatic, event-to-ERP latency, and a
    // duplicate suppressed by the ERP's dedupe. Upserts by journal key, so a repeat changes nothing.
    private static void Observe(List<(string, DateOnly, FigureObservation)> observations, QueuedJournal? queued, ErpJournal journal, DateTimeOffset now, bool duplicate)
    {
        var fact = queued?.Request.Fact;
        var channel = fact?.Channel ?? journal.Lines.FirstOrDefault()?.Channel;
        if (channel is null)
        {
            return;
        }

        var day = DateOnly.FromDateTime((fact?.OccurredAt ?? now).UtcDateTime);
        var latency = fact is null ? (double?)null : Math.Max(0, (now - fact.OccurredAt).TotalMilliseconds);
        // Automatic means posted without a person: not requeued from the console, not released by one on its way here
        // (a settlement line finance matched or sent to suspense, a held fact retried), not a reversal someone asked for.
        var automatic = !(queued?.Touched ?? false) && fact?.ReleasedByPerson != true && journal.ReversesJournalKey is null;
        observations.Add((channel, day, new FigureObservation($"journal:{journal.JournalKey}", FigureKind.JournalPosted, latency, automatic)));
        if (duplicate)
        {
            observations.Add((channel, day, new FigureObservation($"duplicate:{journal.JournalKey}", FigureKind.DuplicateSuppressed)));
        }
    }

    private async Task ReportFiguresAsync(List<(string Channel, DateOnly Day, FigureObservation Observation)> observations)
    {
        foreach (var (channel, day, observation) in observations)
        {
            try
            {
                await GrainFactory.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(channel, day)).ObserveAsync(observation);
            }
            catch (Exception e)
            {
                // Figures are best effort: the journal is posted either way (see docs/architecture.md, How the pieces meet).
                _logger.LogWarning(e, "Reporting {Observation} to the reconciliation figures failed", observation.ObservationId);
            }
        }
    }

    private async Task ReportRejectionsAsync()
    {
        foreach (var (key, rejected) in TentativeState.Rejected.Where(r => !r.Value.Reported).ToList())
        {
            var journal = rejected.Request.Journal;
            try
            {
                await GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(new ExceptionReport(
                    ExceptionCategory.ErpRejected, $"erp/{Key}/rejected/{key}",
                    $"The ERP rejected journal {key} ({journal.Description}) of legal entity {Key}: {rejected.Category}: {rejected.Message}",
                    journal.CorrelationId, [.. journal.SourceEventIds, $"erp-rejection:{key}:{rejected.Sequence}"],
                    new ExceptionSourceRef(IPostingExceptionSourceGrain.SourceKind, Key), journal.Lines.FirstOrDefault()?.Channel));
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Reporting the rejection of {JournalKey} failed; the reminder retries", key);
                return;
            }

            using (new EventSource("parity", key).Scope())
            {
                RaiseEvent(new RejectionReported(key));
            }
        }
    }

    private async Task ReportUnavailableAsync(DateTimeOffset now, bool first)
    {
        if (TentativeState.Outage is not { } outage)
        {
            return;
        }

        try
        {
            // Worded as of its time, so that it does not go stale: how many journals wait now is GetStatusAsync's.
            await GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(OutageReport(outage,
                $"The ERP has been unavailable for legal entity {Key} since {outage.StartedAt:O} ({outage.Reason}); {TentativeState.Queue.Count} journals were queued at {now:O}. This resolves itself once the ERP is back and the queue has drained.",
                first ? $"{outage.TraceKey}:began" : $"erp-unavailable:{Key}:{now:O}"));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Reporting the ERP outage failed");
        }
    }

    // The queue drained after an outage: resolve its exception with the outage's history, then forget the outage. A
    // failure leaves the outage in the state, so the wake timer or the reminder tries again.
    private async Task EndOutageAsync(ErpOutage outage)
    {
        var now = _clock.GetUtcNow();
        var queue = GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        // The outage's first report may have been lost; raising it again changes nothing when it arrived.
        await queue.RaiseAsync(OutageReport(outage,
            $"The ERP has been unavailable for legal entity {Key} since {outage.StartedAt:O} ({outage.Reason}).", $"{outage.TraceKey}:began"));
        await queue.ResolveAsync(outage.TraceKey,
            $"The ERP outage of legal entity {Key} began at {outage.StartedAt:O} ({outage.Reason}); at most {outage.MaxQueued} journals were queued; "
            + $"the ERP booked again at {outage.BackAt ?? now:O} and the queue drained at {now:O}.");
        _logger.LogInformation("ERP outage of {LegalEntity} since {StartedAt} resolved: at most {MaxQueued} journals were queued", Key, outage.StartedAt, outage.MaxQueued);
        RaiseEvent(new ErpOutageEnded(now));
        await ConfirmEvents();
    }

    private static ExceptionReport OutageReport(ErpOutage outage, string message, string sourceEventId) =>
        new(ExceptionCategory.ErpUnavailable, outage.TraceKey, message, null, [sourceEventId]);
}
