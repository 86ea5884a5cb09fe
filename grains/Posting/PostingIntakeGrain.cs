using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.Posting;

/// <summary>
/// Where facts of one legal entity (the key) become journals. Guarantees:
/// <list type="bullet">
/// <item>a fact is accepted once: a repeated fact id gets the first receipt and builds nothing;</item>
/// <item>the caller is answered once the journal (or the held fact) is durable; the turn never waits for the ERP
/// nor for the posting grain — an outbox hands journals on in batches after they are durable;</item>
/// <item>a fact that cannot be posted (unmapped amount, imbalance beyond tolerance) is held and raised to the
/// exception queue before the caller is answered, and can be retried after the mapping is fixed;</item>
/// <item>a reminder exists while the outbox is not empty, so journals reach the posting grain even if this
/// activation is collected or its silo dies.</item>
/// </list>
/// Reentrant for group commit: a call decides and raises its events before its first await, so facts submitted while
/// an append is in flight go in the next append.
/// </summary>
[Reentrant]
[GrainType("posting-intake")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class PostingIntakeGrain : JournaledGrain<PostingIntakeState, PostingIntakeEvent>, IPostingIntakeGrain, IRemindable
{
    /// <summary>Name of the outbox reminder.</summary>
    public const string ReminderName = "posting-intake-outbox";

    private const int HandOnBatchSize = 500;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly PostingRuleBook _rules;
    private readonly TimeSpan _reminderPeriod;
    private bool _reminderRegistered;
    private bool _handingOn;
    private IGrainTimer? _retryTimer;
    private TimeSpan _retryDelay = FirstRetryDelay;
    private readonly ILogger<PostingIntakeGrain> _logger;

    private string Key => this.GetPrimaryKeyString();

    /// <summary>Creates the grain with the silo's posting rules (the defaults when none are registered); the outbox
    /// reminder uses <see cref="ErpPostingOptions.ReminderPeriod"/>.</summary>
    public PostingIntakeGrain(ILogger<PostingIntakeGrain> logger, PostingRuleBook? rules = null, IOptions<ErpPostingOptions>? options = null)
    {
        _logger = logger;
        _rules = rules ?? new PostingRuleBook(PostingRulesOptions.CreateDefault());
        _reminderPeriod = (options?.Value ?? new ErpPostingOptions()).ReminderPeriod;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        KickOutbox();
    }

    /// <inheritdoc />
    public async Task<PostingReceipt> SubmitAsync(BusinessFact fact)
    {
        var receipt = await DecideAsync(fact);

        // Also for a known fact: its first submission may still be on its way to storage.
        await ConfirmEvents();
        return receipt;
    }

    /// <inheritdoc />
    public async Task<bool> RetryHeldAsync(string factId)
    {
        var released = await RetryDecisionAsync(factId);
        await ConfirmEvents();
        return released;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HeldFact>> GetHeldAsync() => Task.FromResult<IReadOnlyList<HeldFact>>(TentativeState.Held.Values.ToList());

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName || TentativeState.Outbox.Count == 0)
        {
            await this.UnregisterReminderAsync(reminderName);
            _reminderRegistered = false;
            return;
        }

        KickOutbox();
    }

    /// <inheritdoc />
    protected override void TransitionState(PostingIntakeState state, PostingIntakeEvent @event) => state.Apply(@event);

    // Decides and raises synchronously (before the first await), then does what must precede the answer.
    private Task<PostingReceipt> DecideAsync(BusinessFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentException.ThrowIfNullOrEmpty(fact.FactId);
        if (!string.Equals(fact.LegalEntity, Key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Fact {fact.FactId} belongs to legal entity '{fact.LegalEntity}', not '{Key}'.", nameof(fact));
        }

        if (TentativeState.Receipts.TryGetValue(fact.FactId, out var known))
        {
            // A held fact's exception may not have reached the queue the first time; raising again is idempotent.
            return TentativeState.Held.TryGetValue(fact.FactId, out var held)
                ? ReportThenAnswerAsync(held, new PostingReceipt(fact.FactId, known, Duplicate: true))
                : Task.FromResult(new PostingReceipt(fact.FactId, known, Duplicate: true, TentativeState.NotPosted.Contains(fact.FactId)));
        }

        var source = new EventSource(fact.Lineage.SourceSystem, fact.FactId);
        switch (_rules.Current.Build(fact))
        {
            case JournalBuilt built:
                using (source.Scope())
                {
                    RaiseEvent(new FactAccepted(new PostingRequest(built.Journal, fact)));
                }

                var receipt = new PostingReceipt(fact.FactId, built.Journal.JournalKey, Duplicate: false);
                KickOutbox();
                return _reminderRegistered ? Task.FromResult(receipt) : RegisterThenAnswerAsync(receipt);
            case JournalHeld held:
                var key = PostingRules.JournalKeyOf(fact);
                // The exception's trace key is kept with the hold, so whoever shows the fact can name its exception.
                var heldFact = new HeldFact(fact, held.Reason, held.Category, TraceKeyOf(held.Category, held.Detail));
                using (source.Scope())
                {
                    RaiseEvent(new FactHeld(key, heldFact));
                }

                return ReportThenAnswerAsync(heldFact, new PostingReceipt(fact.FactId, key, Duplicate: false));
            case NothingToPost nothing:
                var unpostedKey = PostingRules.JournalKeyOf(fact);
                using (source.Scope())
                {
                    RaiseEvent(new FactNotPosted(fact.FactId, unpostedKey, nothing.Reason));
                }

                _logger.LogInformation("Fact {FactId} is not posted: {Reason}", fact.FactId, nothing.Reason);
                return Task.FromResult(new PostingReceipt(fact.FactId, unpostedKey, Duplicate: false, NothingToPost: true));
            default:
                throw new InvalidOperationException("Unknown journal build result.");
        }
    }

    private async Task<bool> RetryDecisionAsync(string factId)
    {
        ArgumentException.ThrowIfNullOrEmpty(factId);
        if (!TentativeState.Held.TryGetValue(factId, out var held))
        {
            return false;
        }

        // Only the exception console retries a held fact (IPostingExceptionSourceGrain): a person released it.
        var fact = held.Fact with { ReleasedByPerson = true };
        switch (_rules.Current.Build(fact))
        {
            case JournalBuilt built:
                using (new EventSource("parity", $"retry:{factId}").Scope())
                {
                    RaiseEvent(new HeldFactReleased(new PostingRequest(built.Journal, fact)));
                }

                KickOutbox();
                if (!_reminderRegistered)
                {
                    await EnsureReminderAsync();
                }

                return true;
            case JournalHeld stillHeld:
                _logger.LogInformation("Held fact {FactId} still cannot be posted: {Reason}", factId, stillHeld.Reason);
                return false;
            case NothingToPost nothing:
                // The fixed mapping leaves nothing to book: the fact is settled without a journal.
                using (new EventSource("parity", $"retry:{factId}").Scope())
                {
                    RaiseEvent(new FactNotPosted(factId, TentativeState.Receipts[factId], nothing.Reason));
                }

                return true;
            default:
                throw new InvalidOperationException("Unknown journal build result.");
        }
    }

    private async Task<PostingReceipt> RegisterThenAnswerAsync(PostingReceipt receipt)
    {
        // Before the caller hears the fact is accepted, something must exist that wakes the outbox after a crash.
        await EnsureReminderAsync();
        return receipt;
    }

    private async Task EnsureReminderAsync()
    {
        await this.RegisterReminderAsync(ReminderName, _reminderPeriod, _reminderPeriod);
        _reminderRegistered = true;
    }

    private string TraceKeyOf(ExceptionCategory category, string detail) => $"posting/{Key}/{category}/{detail}";

    private async Task<PostingReceipt> ReportThenAnswerAsync(HeldFact held, PostingReceipt receipt)
    {
        // The hold must be durable before anyone hears of it.
        await ConfirmEvents();
        var fact = held.Fact;
        var traceKey = held.ExceptionId ?? TraceKeyOf(held.Category, held.Category == ExceptionCategory.UnmappedTaxCode ? held.Reason : fact.FactId);
        var sourceIds = fact.Lineage.SourceEventIds.Count > 0 ? fact.Lineage.SourceEventIds : [fact.FactId];
        await GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(new ExceptionReport(
            held.Category, traceKey, $"{held.Reason} (fact {fact.FactId})",
            fact.Lineage.CorrelationId, sourceIds.ToList(), new ExceptionSourceRef(IPostingExceptionSourceGrain.SourceKind, Key), fact.Channel));
        return receipt;
    }

    private void ScheduleRetry(TimeSpan delay)
    {
        if (_retryTimer is null)
        {
            _retryTimer = this.RegisterGrainTimer(_ => { KickOutbox(); return Task.CompletedTask; }, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _retryTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void KickOutbox()
    {
        if (!_handingOn && TentativeState.Outbox.Count > 0)
        {
            _ = HandOnAsync();
        }
    }

    // Runs between turns on the activation's scheduler: hands durable journals to the posting grain in batches and
    // journals the hand-over, so a new activation resends only what the posting grain may not have (it dedupes).
    private async Task HandOnAsync()
    {
        _handingOn = true;
        RequestContext.Clear();
        var drained = false;
        try
        {
            while (TentativeState.Outbox.Count > 0)
            {
                await ConfirmEvents();
                // The confirmed view: only journals whose acceptance is durable are handed on.
                var batch = State.Outbox.Take(HandOnBatchSize).ToList();
                if (batch.Count == 0)
                {
                    // Accepted meanwhile and not durable yet: the next round confirms them first.
                    continue;
                }

                try
                {
                    await GrainFactory.GetGrain<IErpPostingGrain>(Key).EnqueueAsync(batch);
                }
                catch (Exception e)
                {
                    _logger.LogWarning(e, "Handing {Count} journals of {LegalEntity} to ERP posting failed; retrying in {Delay}", batch.Count, Key, _retryDelay);
                    ScheduleRetry(_retryDelay);
                    _retryDelay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, _retryDelay.Ticks * 2));
                    return;
                }

                _retryDelay = FirstRetryDelay;
                using (new EventSource("parity", null).Scope())
                {
                    RaiseEvent(new JournalsHandedOn(batch.Select(r => r.Journal.JournalKey).ToList()));
                }
            }

            await ConfirmEvents();
            drained = true;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "The posting outbox of {LegalEntity} stopped; the reminder restarts it", Key);
        }
        finally
        {
            _handingOn = false;
        }

        // A fact accepted while the last hand-over was being confirmed found this loop still running and did not
        // start another; without this it would wait for the reminder.
        if (drained)
        {
            KickOutbox();
        }
    }
}
