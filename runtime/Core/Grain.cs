using Microsoft.Extensions.Logging;
using Parity.Runtime.Activation;
using Parity.Runtime.Timers;

namespace Parity.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle past its collection age.</summary>
    IdleCollection,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>Placement moved the grain to another silo (a silo joined or left).</summary>
    PlacementChanged,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>A conditional write lost: another activation of the grain exists or state changed underneath.</summary>
    InconsistentState,
}

/// <summary>
/// Base class of every grain: a virtual actor that runs one turn at a time (unless
/// <see cref="ReentrantAttribute"/>), is activated on demand on its owning silo and collected when idle.
/// </summary>
public abstract class Grain : IAddressable, Inspection.IGrainInspection
{
    private ActivationData? _activation;

    internal ActivationData Activation => _activation ?? throw new InvalidOperationException("The grain is not activated by the runtime.");

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>This grain's string key.</summary>
    protected string Key => Activation.GrainId.Key;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Silo.GrainFactory;

    /// <summary>The clock of the silo; use it instead of <see cref="DateTimeOffset.UtcNow"/>.</summary>
    protected TimeProvider TimeProvider => Activation.Silo.TimeProvider;

    /// <summary>A logger named after the grain class.</summary>
    protected ILogger Logger => Activation.Logger;

    /// <summary>The address of the silo this activation runs on (Orleans' RuntimeIdentity), for diagnostics.</summary>
    protected string RuntimeIdentity => Activation.Silo.Address.ToString();

    internal void Attach(ActivationData activation) => _activation = activation;

    /// <summary>Runs once when the activation starts, after its state is loaded and before any call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation is collected or its silo stops gracefully (not on a crash).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>
    /// Registers a timer whose ticks run as turns of this grain (they do not interleave with calls unless
    /// the grain is reentrant). Timers stop when the activation deactivates; use reminders for anything
    /// that must survive that.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Registers or moves a durable reminder, delivered to <see cref="IRemindable.ReceiveReminder"/>
    /// first after <paramref name="dueTime"/> and then every <paramref name="period"/>, on whichever silo owns the grain.</summary>
    protected Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => Activation.Silo.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    /// <summary>Removes a durable reminder; false when it did not exist.</summary>
    protected Task<bool> UnregisterReminder(string reminderName) => Activation.Silo.Reminders.UnregisterAsync(GrainId, reminderName);

    internal virtual Task OnLoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task<Inspection.GrainInspection> Inspection.IGrainInspection.InspectAsync(int maxEvents) => InspectCoreAsync(Math.Clamp(maxEvents, 0, 1000));

    /// <summary>The operator's view of this activation; state-holding bases add their state and events.</summary>
    internal virtual Task<Inspection.GrainInspection> InspectCoreAsync(int maxEvents) => Task.FromResult(CreateInspection("grain", null, null, null, []));

    internal Inspection.GrainInspection CreateInspection(string kind, long? version, long? confirmedVersion, string? stateJson, IReadOnlyList<Inspection.InspectedEvent> events) =>
        new(GrainId.ToString(), GetType().Name, Activation.Silo.Address.ToString(), kind, version, confirmedVersion, stateJson, events,
            Activation.Calls, Activation.MailboxDepth);
}
