using System.Diagnostics.Metrics;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;

namespace Parity.Grains.Telemetry;

/// <summary>
/// Parity's business counters on the <see cref="MeterName"/> meter, next to Orleans' own meters, for OpenTelemetry:
/// decisions a person reads on a peak day (reservations accepted and refused, order events by disposition, journals
/// the ERP took or refused, exceptions raised). Tags are low-cardinality: never a SKU, an order or a customer.
/// </summary>
public sealed class ParityMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Parity";

    private readonly Counter<long> _reservations;
    private readonly Counter<long> _orderEvents;
    private readonly Counter<long> _erpJournals;
    private readonly Counter<long> _exceptions;

    /// <summary>Creates the counters from the host's meter factory.</summary>
    public ParityMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _reservations = meter.CreateCounter<long>("parity.inventory.reservations", "{reservation}", "Reservation decisions made durable, by channel and status.");
        _orderEvents = meter.CreateCounter<long>("parity.orders.events", "{event}", "Order lifecycle events decided, by disposition (applied, parked, rejected).");
        _erpJournals = meter.CreateCounter<long>("parity.erp.journals", "{journal}", "ERP answers to journals, by outcome (posted, duplicate, rejected).");
        _exceptions = meter.CreateCounter<long>("parity.exceptions.raised", "{exception}", "Business exceptions raised to the operators' queue, by category.");
    }

    /// <summary>A reservation decision was made durable.</summary>
    public void Reservation(string channelId, ReservationStatus status) =>
        _reservations.Add(1, new KeyValuePair<string, object?>("channel", channelId), new KeyValuePair<string, object?>("status", status.ToString()));

    /// <summary>An order event was decided.</summary>
    public void OrderEvent(EventDisposition disposition) =>
        _orderEvents.Add(1, new KeyValuePair<string, object?>("disposition", disposition.ToString()));

    /// <summary>The ERP answered a journal.</summary>
    public void ErpJournal(string outcome) => _erpJournals.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A new exception reached the queue.</summary>
    public void ExceptionRaised(ExceptionCategory category) =>
        _exceptions.Add(1, new KeyValuePair<string, object?>("category", category.ToString()));
}
