using System.Globalization;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Settlements;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.Settlements;

/// <summary>
/// A provider's captured payments (key = provider), journaled: what settlements should bring, provisional receivables
/// by age, and MissingSettlement exceptions (by reminder) for captures unsettled past the provider's window. Recording
/// is idempotent by reference; raising is idempotent at the exception queue by the capture's source event id.
/// </summary>
[GrainType("receivables")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class ReceivablesGrain(TimeProvider clock, SettlementOptions? options = null)
    : JournaledGrain<ReceivablesState, ReceivablesEvent>, IReceivablesGrain, IRemindable
{
    /// <summary>The reminder that looks for overdue captures.</summary>
    public const string OverdueReminder = "missing-settlement";

    private static readonly (string Name, TimeSpan Upper)[] Ages =
    [
        ("0-1d", TimeSpan.FromDays(1)), ("1-3d", TimeSpan.FromDays(3)), ("3-7d", TimeSpan.FromDays(7)),
        ("7-14d", TimeSpan.FromDays(14)), ("14d+", TimeSpan.MaxValue),
    ];

    private readonly SettlementOptions _options = options ?? new SettlementOptions();
    private readonly TimeProvider _clock = clock;
    private bool _reminderRegistered;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<bool> RecordCaptureAsync(string provider, string reference, string orderId, decimal amount, string currency, DateTimeOffset capturedAt)
    {
        if (provider != Key)
        {
            throw new ArgumentException($"This is the receivables of '{Key}', not '{provider}'.", nameof(provider));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (orderId is null || orderId.Split(':') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw new ArgumentException($"'{orderId}' is not a canonical order id ({{channel}}:{{channelOrderId}}).", nameof(orderId));
        }

        if (amount <= 0)
        {
            throw new ArgumentException($"A capture's amount must be positive, not {amount}.", nameof(amount));
        }

        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency.", nameof(currency));
        }

        if (TentativeState.Captures.ContainsKey(reference))
        {
            await ConfirmEvents();
            return false;
        }

        RaiseEvent(new CaptureRecorded(new CaptureRecord(reference, orderId, amount, currency.ToUpperInvariant(), capturedAt.ToUniversalTime())));
        if (!_reminderRegistered)
        {
            await this.RegisterReminderAsync(OverdueReminder, _options.OverdueCheckPeriod, _options.OverdueCheckPeriod);
            _reminderRegistered = true;
        }

        await ConfirmEvents();
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CaptureRecord?>> FindAsync(IReadOnlyList<CaptureQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var result = queries.Select(q =>
                q.Reference is not null && TentativeState.Captures.TryGetValue(q.Reference, out var byReference) ? byReference
                : q.OrderId is null ? null
                : TentativeState.Captures.Values.Where(c => c.OrderId == q.OrderId).OrderBy(c => c.SettledBy is null ? 0 : 1).ThenBy(c => c.CapturedAt).FirstOrDefault())
            .ToList();
        return Task.FromResult<IReadOnlyList<CaptureRecord?>>(result);
    }

    /// <inheritdoc />
    public async Task SettleAsync(string batchKey, IReadOnlyList<string> references, DateTimeOffset settledAt)
    {
        var unsettled = references.Where(r => TentativeState.Captures.TryGetValue(r, out var c) && c.SettledBy is null).Distinct().ToList();
        if (unsettled.Count > 0)
        {
            RaiseEvent(new CapturesSettled(batchKey, unsettled, settledAt));
        }

        await ConfirmEvents();
    }

    /// <inheritdoc />
    public Task<ProvisionalReceivables> GetProvisionalAsync(DateTimeOffset asOf, string? channel = null)
    {
        var buckets = TentativeState.Captures.Values
            .Where(c => c.SettledBy is null && (channel is null || c.Channel == channel))
            .GroupBy(c => (Age: AgeOf(asOf - c.CapturedAt), c.Currency))
            .OrderBy(g => Array.FindIndex(Ages, a => a.Name == g.Key.Age)).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => Bucket(g.Key.Age, g.Key.Currency, g.ToList()))
            .ToList();
        return Task.FromResult(new ProvisionalReceivables(Key, asOf, buckets));
    }

    // Captures beyond the money bounds (journaled before the gateway refused them) would overflow the sum and fail every
    // report: they are left out of the amount and named instead, so the report still answers and says what is wrong.
    private static ReceivableAgeBucket Bucket(string age, string currency, List<CaptureRecord> captures)
    {
        var outOfBounds = captures.Where(c => Math.Abs(c.Amount) > Limits.MaxAmount).Select(c => c.Reference).ToList();
        var amount = captures.Where(c => Math.Abs(c.Amount) <= Limits.MaxAmount).Sum(c => c.Amount);
        return new ReceivableAgeBucket(age, currency, captures.Count, amount, outOfBounds.Count == 0 ? null : outOfBounds);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CaptureRecord>> GetCapturesAsync(string channel, DateOnly day) =>
        Task.FromResult<IReadOnlyList<CaptureRecord>>(TentativeState.Captures.Values
            .Where(c => c.Channel == channel && DateOnly.FromDateTime(c.CapturedAt.UtcDateTime) == day)
            .OrderBy(c => c.CapturedAt)
            .ToList());

    /// <inheritdoc />
    public async Task<int> CheckOverdueAsync()
    {
        var now = _clock.GetUtcNow();
        var window = _options.For(Key).ExpectedSettlementWindow;
        var overdue = TentativeState.Captures.Values.Where(c => c.SettledBy is null && now - c.CapturedAt > window).ToList();
        var queue = GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        foreach (var capture in overdue)
        {
            // The queue ignores a report whose source event it knows, so the reminder may fire as often as it likes.
            await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.MissingSettlement, $"missing-settlement:{Key}:{capture.Reference}",
                $"{Key} has not settled {capture.Amount.ToString("0.00", CultureInfo.InvariantCulture)} {capture.Currency} captured for order " +
                $"{capture.OrderId} on {capture.CapturedAt:yyyy-MM-dd} (reference '{capture.Reference}'); settlements are expected within " +
                $"{window.TotalDays:0.#} days. Ask the provider, or check that the batch was uploaded.",
                null, [$"capture:{Key}:{capture.Reference}"], null, capture.Channel));
        }

        return overdue.Count;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != OverdueReminder)
        {
            await this.UnregisterReminderAsync(reminderName);
            return;
        }

        _reminderRegistered = true;
        await CheckOverdueAsync();
    }

    /// <inheritdoc />
    protected override void TransitionState(ReceivablesState state, ReceivablesEvent @event) => state.Apply(@event);

    private static string AgeOf(TimeSpan age) => Ages.First(a => age < a.Upper).Name;
}
