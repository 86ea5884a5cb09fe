using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Reconciliation;
using Parity.GrainInterfaces.Settlements;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.Settlements;

/// <summary>
/// One provider settlement batch (<c>{provider}:{batchId}</c>). Guarantees: a file is ingested once (the same bytes
/// again change nothing, other bytes are refused); every side effect (exception raised, captures settled, fact handed
/// to posting) is journaled when done and never repeated, so retries, replays and reminders re-drive only what is
/// missing; the SettlementReceived fact is balanced, waits until every line is matched, and a failed hand-off is
/// retried by reminder until posting accepts it.
/// </summary>
[GrainType("settlement-batch")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class SettlementBatchGrain(TimeProvider clock, ILogger<SettlementBatchGrain> logger, SettlementOptions? options = null)
    : JournaledGrain<SettlementBatchState, SettlementBatchEvent>, ISettlementBatchGrain, IRemindable
{
    /// <summary>The reminder that retries a failed hand-off to posting.</summary>
    public const string HandOffReminder = "settlement-handoff";

    private readonly SettlementOptions _options = options ?? new SettlementOptions();
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<SettlementBatchGrain> _logger = logger;

    // The poisoned-file report was taken by the exception console in this activation.
    private bool _poisonReported;

    private string Key => this.GetPrimaryKeyString();

    private string Provider => Key.Split(':', 2)[0];

    private string BatchId => Key.Split(':', 2) is [_, var id] ? id : "";

    private SettlementProviderOptions ProviderOptions => _options.For(Provider);

    private string FactId => $"settlement:{Key}";

    /// <inheritdoc />
    public async Task<SettlementBatchView> IngestAsync(SettlementFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Provider != Provider || file.BatchId != BatchId)
        {
            throw new ArgumentException($"The file is {file.Provider} batch '{file.BatchId}', not {Provider} batch '{BatchId}'.", nameof(file));
        }

        if (TentativeState.File is { } held)
        {
            if (held.ContentHash != file.ContentHash)
            {
                throw new SettlementBatchConflictException(
                    $"{Provider} batch '{BatchId}' already holds another file (received {TentativeState.ReceivedAt:u}); a settlement batch is never replaced. " +
                    $"{Difference(held, file)} If the provider corrected it, the correction comes as a new batch.");
            }

            // The same file again: nothing changes, but anything left undone is re-driven.
            await DriveAsync();
            return View(duplicate: true);
        }

        var resolutions = await ResolveAsync(file.Currency, file.Lines.Where(l => l.NeedsOrder), _ => null);
        RaiseEvent(new BatchIngested(file, resolutions, _clock.GetUtcNow(), ParityRequestContext.CorrelationId));
        await ConfirmEvents();
        await DriveAsync();
        return View(duplicate: false);
    }

    // What differs between the file held and the one sent again, in business words: line counts and totals, and the
    // first line that differs (by row and the provider's line id).
    private static string Difference(SettlementFile held, SettlementFile sent)
    {
        static string Summary(SettlementFile f) => string.Create(CultureInfo.InvariantCulture,
            $"{f.Lines.Count} lines, gross {f.Lines.Sum(l => Math.Clamp(l.Gross, -Limits.MaxAmount, Limits.MaxAmount))}, net {f.Lines.Sum(l => Math.Clamp(l.Net, -Limits.MaxAmount, Limits.MaxAmount))} {f.Currency}");
        static string Line(SettlementLine l) => JsonSerializer.Serialize(l);
        var first = Enumerable.Range(0, Math.Max(held.Lines.Count, sent.Lines.Count))
            .FirstOrDefault(i => i >= held.Lines.Count || i >= sent.Lines.Count || Line(held.Lines[i]) != Line(sent.Lines[i]), -1);
        var where = first < 0
            ? "Their lines are the same; the rest of the file (payout or currency) differs."
            : first < sent.Lines.Count
                ? $"They first differ at row {sent.Lines[first].Row} (line '{sent.Lines[first].LineId}')."
                : $"The held file has more lines, from row {held.Lines[first].Row} (line '{held.Lines[first].LineId}').";
        return $"The file held has {Summary(held)}; this one has {Summary(sent)}. {where}";
    }

    /// <inheritdoc />
    public async Task<SettlementBatchView?> GetAsync()
    {
        if (TentativeState.File is null)
        {
            return null;
        }

        var view = View(duplicate: false);
        if (view.Problems is not null && !_poisonReported)
        {
            await RaisePoisonedAsync(view.Problems);
        }

        return view;
    }

    // The stored file cannot be added up: the exception console names the batch once per activation (a repeat of the
    // trace key is collapsed), and reads keep answering with the problem named.
    private async Task RaisePoisonedAsync(IReadOnlyList<string> problems)
    {
        try
        {
            await GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(new ExceptionReport(
                ExceptionCategory.UnbalancedJournal, $"Poisoned/settlement-batch/{Key}",
                $"Settlement batch {Key}'s stored file cannot be added up: {string.Join(" ", problems)}", null, [Key]));
            _poisonReported = true;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Settlement batch {Batch} holds a file beyond the money bounds and the exception console did not take the report", Key);
        }
    }

    /// <inheritdoc />
    public async Task<ExceptionRetryOutcome> RetryAsync(string traceKey, IReadOnlyDictionary<string, string> edits)
    {
        ArgumentNullException.ThrowIfNull(traceKey);
        edits ??= new Dictionary<string, string>();
        var prefix = TracePrefix;
        if (TentativeState.File is null || !traceKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{traceKey}' is not an exception of {Provider} batch '{BatchId}'.", nameof(traceKey));
        }

        var rest = traceKey[prefix.Length..];
        if (rest.StartsWith("line:", StringComparison.Ordinal))
        {
            return await RetryLineAsync(rest["line:".Length..], edits);
        }

        if (edits.Count > 0)
        {
            throw new ArgumentException($"A variance takes no edits: it stays in suspense until finance clears it and resolves the exception with a note. Edits sent: {string.Join(", ", edits.Keys)}.", nameof(edits));
        }

        var pending = await DriveAsync();
        return new ExceptionRetryOutcome(false,
            "The variance is booked to suspense with the batch" + (pending is null ? "" : $" ({pending})") + "; resolve it with a note once finance has cleared it.");
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HandOffReminder || TentativeState.File is null)
        {
            await this.UnregisterReminderAsync(reminderName);
            return;
        }

        if (await DriveAsync() is null || TentativeState.Receipt is not null || Reconcile().Totals.UnmatchedLines > 0)
        {
            // Done, or held by unmatched lines: their retry submits the fact, not the reminder.
            await this.UnregisterReminderAsync(HandOffReminder);
        }
    }

    /// <inheritdoc />
    protected override void TransitionState(SettlementBatchState state, SettlementBatchEvent @event) => state.Apply(@event);

    private string TracePrefix => $"settlement:{Key}:";

    private async Task<ExceptionRetryOutcome> RetryLineAsync(string lineId, IReadOnlyDictionary<string, string> edits)
    {
        var line = TentativeState.File!.Lines.FirstOrDefault(l => l.LineId == lineId && l.NeedsOrder)
            ?? throw new ArgumentException($"{Provider} batch '{BatchId}' has no line '{lineId}' to match.", nameof(lineId));
        var unknown = edits.Keys.Where(k => k is not ("orderId" or "reference" or "suspense")).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"An unmatched line takes the edits 'orderId', 'reference' or 'suspense', not '{string.Join("', '", unknown)}'.", nameof(edits));
        }

        if (edits.ContainsKey("suspense"))
        {
            return await SendToSuspenseAsync(line, edits);
        }

        if (edits.TryGetValue("orderId", out var orderId) && (orderId.Split(':') is not [{ Length: > 0 }, { Length: > 0 }]))
        {
            throw new ArgumentException($"'{orderId}' is not a canonical order id ({{channel}}:{{channelOrderId}}).", nameof(edits));
        }

        var current = TentativeState.Resolutions.GetValueOrDefault(lineId);
        if (current is { ToSuspense: true } && edits.Count == 0)
        {
            var pendingWork = await DriveAsync();
            return new ExceptionRetryOutcome(true, $"Line {line.Row} is booked to suspense; nothing was repeated" + (pendingWork is null ? "." : $"; {pendingWork}."));
        }

        if (current?.OrderId is not null && edits.Count == 0)
        {
            var pendingWork = await DriveAsync();
            return new ExceptionRetryOutcome(true, $"Line {line.Row} is matched to {current.OrderId}; nothing was repeated" + (pendingWork is null ? "." : $"; {pendingWork}."));
        }

        var edited = edits.TryGetValue("reference", out var reference) ? line with { Reference = reference } : line;
        var resolution = (await ResolveAsync(TentativeState.File!.Currency, [edited], _ => edits.GetValueOrDefault("orderId"))).Single();
        if (resolution != current)
        {
            RaiseEvent(new LineResolved(resolution, new Dictionary<string, string>(edits)));
            await ConfirmEvents();
        }

        var pending = await DriveAsync();
        if (resolution.OrderId is null)
        {
            var tried = edits.Count == 0 ? $"reference '{line.Reference}'" : string.Join(", ", edits.Select(e => $"{e.Key} '{e.Value}'"));
            return new ExceptionRetryOutcome(false, $"Line {line.Row} still matches no order with a recorded capture ({tried}).");
        }

        return new ExceptionRetryOutcome(true, $"Line {line.Row} matched {resolution.OrderId}" + (pending is null ? "." : $"; {pending}."));
    }

    // Finance decided the money belongs to no order (a test payment, another entity's): book it to suspense so the
    // batch's journal can go; the suspense account is cleared in the ERP.
    private async Task<ExceptionRetryOutcome> SendToSuspenseAsync(SettlementLine line, IReadOnlyDictionary<string, string> edits)
    {
        if (edits.Count > 1 || string.IsNullOrWhiteSpace(edits["suspense"]))
        {
            throw new ArgumentException("'suspense' takes the reason alone (e.g. {\"suspense\":\"test payment\"}), with no other edit.", nameof(edits));
        }

        var current = TentativeState.Resolutions.GetValueOrDefault(line.LineId);
        if (current?.OrderId is not null)
        {
            throw new ArgumentException($"Line {line.Row} is matched to {current.OrderId}; it cannot go to suspense.", nameof(edits));
        }

        if (current is not { ToSuspense: true })
        {
            RaiseEvent(new LineResolved(new LineResolution(line.LineId, null, null, null, ToSuspense: true), new Dictionary<string, string>(edits)));
            await ConfirmEvents();
        }

        var pending = await DriveAsync();
        return new ExceptionRetryOutcome(true, $"Line {line.Row} ({Money(line.Gross)} {TentativeState.File!.Currency}) is booked to suspense: {edits["suspense"]}" + (pending is null ? "." : $"; {pending}."));
    }

    // Looks lines up in the provider's receivables: by reference, else by the order id an edit or the provider's
    // reference mapping gives. Only a recorded capture in the batch's currency makes a match (it proves the order exists
    // and says what it owes; a capture in another currency cannot be compared and is left to finance).
    private async Task<List<LineResolution>> ResolveAsync(string currency, IEnumerable<SettlementLine> lines, Func<SettlementLine, string?> editedOrderId)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var queries = list.Select(l => editedOrderId(l) is { } edited
            ? new CaptureQuery(null, edited)
            : new CaptureQuery(l.Reference, ProviderOptions.OrderIdFor(l.Reference))).ToList();
        var captures = await GrainFactory.GetGrain<IReceivablesGrain>(Provider).FindAsync(queries);
        return list.Select((line, i) => captures[i] is { } capture && capture.Currency == currency
                ? new LineResolution(line.LineId, capture.OrderId, line.Kind == SettlementLineKind.Payment ? capture.Reference : null,
                    line.Kind == SettlementLineKind.Payment ? capture.Amount : null)
                : new LineResolution(line.LineId, null, null, null))
            .ToList();
    }

    private SettlementReconciliation Reconcile() => SettlementReconciler.Reconcile(TentativeState.File!, TentativeState.Resolutions, ProviderOptions.VarianceTolerance);

    // Brings the side effects in line with the state; each is journaled once done. Returns what is still pending
    // (a hand-off that failed), or null when everything is done.
    private async Task<string?> DriveAsync()
    {
        var reconciliation = Reconcile();
        var queue = GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        foreach (var report in Reports(reconciliation))
        {
            var effect = "exception:" + report.TraceKey;
            if (!TentativeState.Done.Contains(effect))
            {
                await queue.RaiseAsync(report);
                RaiseEvent(new SideEffectDone(effect));
            }
        }

        var settledReferences = TentativeState.Resolutions.Values
            .Where(r => r.CaptureReference is not null && !TentativeState.Done.Contains("settled:" + r.CaptureReference))
            .Select(r => r.CaptureReference!)
            .Distinct()
            .ToList();
        if (settledReferences.Count > 0)
        {
            await GrainFactory.GetGrain<IReceivablesGrain>(Provider).SettleAsync(Key, settledReferences, TentativeState.File!.PayoutDate ?? TentativeState.ReceivedAt);
            RaiseEvents(settledReferences.Select(r => new SideEffectDone("settled:" + r)));
        }

        var figures = GrainFactory.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(
            ProviderOptions.Channel, DateOnly.FromDateTime((TentativeState.File!.PayoutDate ?? TentativeState.ReceivedAt).UtcDateTime)));
        foreach (var view in reconciliation.Lines.Where(v => v.Match != SettlementMatch.NotApplicable))
        {
            var kind = view.Match == SettlementMatch.Matched ? FigureKind.SettlementLineMatched : FigureKind.SettlementLineUnmatched;
            var effect = $"figures:{view.Line.LineId}:{kind}";
            if (!TentativeState.Done.Contains(effect))
            {
                await figures.ObserveAsync(new FigureObservation($"{Key}:{view.Line.LineId}", kind));
                RaiseEvent(new SideEffectDone(effect));
            }
        }

        await ConfirmEvents();
        if (TentativeState.Receipt is not null || reconciliation.Totals.UnmatchedLines > 0)
        {
            return null;
        }

        try
        {
            var receipt = await GrainFactory.GetGrain<IPostingIntakeGrain>(ProviderOptions.LegalEntity).SubmitAsync(Fact(reconciliation));
            RaiseEvent(new FactSubmitted(receipt, _clock.GetUtcNow()));
            await ConfirmEvents();
            return null;
        }
        catch (Exception e) when (e is not JournalWriteException)
        {
            // Never lost: the reminder hands it off again until posting accepts it (posting dedupes by fact id).
            _logger.LogWarning(e, "Handing settlement {Batch} to posting failed; retrying by reminder", Key);
            await this.RegisterReminderAsync(HandOffReminder, _options.HandOffRetryPeriod, _options.HandOffRetryPeriod);
            return $"the hand-off to ERP posting failed ({e.Message}) and is retried every {_options.HandOffRetryPeriod.TotalSeconds:0} s";
        }
    }

    private BusinessFact Fact(SettlementReconciliation reconciliation)
    {
        var file = TentativeState.File!;
        return new BusinessFact(FactId, BusinessFactKind.SettlementReceived, ProviderOptions.LegalEntity, ProviderOptions.Channel,
            ProviderOptions.Location, file.Currency, file.PayoutDate ?? TentativeState.ReceivedAt,
            SettlementReconciler.FactAmounts(Provider, reconciliation),
            new FactLineage(TentativeState.CorrelationId ?? FactId, Provider, [$"{Key}:{file.ContentHash[..16]}"]),
            ReleasedByPerson: TentativeState.ResolvedByPerson);
    }

    private IEnumerable<ExceptionReport> Reports(SettlementReconciliation reconciliation)
    {
        var file = TentativeState.File!;
        var source = new ExceptionSourceRef(ISettlementBatchGrain.SourceKind, Key);
        var channel = ProviderOptions.Channel;
        foreach (var view in reconciliation.Lines.Where(v => v.Match == SettlementMatch.Unmatched))
        {
            var line = view.Line;
            yield return new ExceptionReport(ExceptionCategory.UnmatchedSettlementLine, $"{TracePrefix}line:{line.LineId}",
                $"Row {line.Row} of {Provider} batch {BatchId} ({line.Kind} {Money(line.Gross)} {file.Currency}, reference '{line.Reference}') matches no order " +
                "with a recorded capture. Edit its orderId (or reference) and retry; the batch's journal waits for it.",
                TentativeState.CorrelationId, [$"{Key}:{line.LineId}"], source, channel);
        }

        foreach (var variance in reconciliation.Variances)
        {
            yield return new ExceptionReport(ExceptionCategory.SettlementVariance, $"{TracePrefix}variance:{variance.OrderId}",
                $"{Provider} batch {BatchId} settled {Money(variance.Settled)} {file.Currency} for order {variance.OrderId}, which captured " +
                $"{Money(variance.Expected)}: the difference of {Money(variance.Amount)} is booked to suspense.",
                TentativeState.CorrelationId, [$"{Key}:{variance.FirstLineId}"], source, channel);
        }

        if (Math.Abs(reconciliation.PayoutVariance) > ProviderOptions.VarianceTolerance)
        {
            yield return new ExceptionReport(ExceptionCategory.SettlementVariance, $"{TracePrefix}payout",
                $"{Provider} batch {BatchId} declares a payout of {Money(reconciliation.Totals.Payout)} {file.Currency}, but its lines come to " +
                $"{Money(reconciliation.Totals.Payout - reconciliation.PayoutVariance)}: the difference is booked to suspense.",
                TentativeState.CorrelationId, [$"{Key}:payout"], source, channel);
        }
    }

    private SettlementBatchView View(bool duplicate)
    {
        var file = TentativeState.File!;
        SettlementReconciliation reconciliation;
        try
        {
            reconciliation = Reconcile();
        }
        catch (OverflowException)
        {
            // A file journaled before the bounds whose amounts overflow its sums: the batch still answers, saying so,
            // instead of failing every read.
            return new SettlementBatchView(Provider, BatchId, file.Currency, SettlementBatchStatus.Held, TentativeState.ReceivedAt, [],
                new Dictionary<string, decimal>(), new SettlementTotals(0, 0, 0, 0, 0, 0, 0, file.Lines.Count), FactId, TentativeState.Receipt is not null, duplicate,
                [$"The file's amounts ({file.Lines.Count} lines) overflow the batch's totals: they are beyond the money bounds and were stored before them. "
                    + "Lines, fees and totals are unavailable; the batch posts nothing. Correct it with finance."]);
        }

        var status = TentativeState.Receipt is not null ? SettlementBatchStatus.Submitted
            : reconciliation.Totals.UnmatchedLines > 0 ? SettlementBatchStatus.Held
            : SettlementBatchStatus.Reconciled;
        return new SettlementBatchView(Provider, BatchId, file.Currency, status, TentativeState.ReceivedAt, reconciliation.Lines,
            reconciliation.FeesByType, reconciliation.Totals, FactId, TentativeState.Receipt is not null, duplicate);
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
