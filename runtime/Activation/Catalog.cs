using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Parity.Runtime.Hosting;
using Parity.Runtime.Invocation;

namespace Parity.Runtime.Activation;

/// <summary>
/// The activations of one silo: finds or creates the activation a message is for, collects idle ones
/// after their age limit, and deactivates those whose grains placement moved elsewhere.
/// </summary>
internal sealed class Catalog : IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workers = new();
    private readonly Silo _silo;
    private ITimer? _collector;
    private volatile bool _killed;

    public Catalog(Silo silo) => _silo = silo;

    public int Count => _activations.Count + _workers.Values.Sum(w => w.Count);

    public IEnumerable<ActivationData> Activations => _activations.Values.Concat(_workers.Values.SelectMany(w => w.Activations));

    public void Start()
    {
        var quantum = _silo.Options.CollectionQuantum;
        _collector = _silo.TimeProvider.CreateTimer(static s => ((Catalog)s!).CollectIdle(), this, quantum, quantum);
    }

    /// <summary>Delivers a message to the grain's local activation, creating it when needed.</summary>
    public void Deliver(Message message)
    {
        if (_killed)
        {
            message.Fail(new SiloUnavailableException(_silo.Address.ToString(), "the silo was killed"));
            return;
        }

        if (!_silo.Registry.TryGetClass(message.Target.Type, out var classInfo))
        {
            message.Fail(new InvalidOperationException($"Unknown grain type '{message.Target.Type}' on silo {_silo.Address}."));
            return;
        }

        if (classInfo.IsStatelessWorker)
        {
            _workers.GetOrAdd(message.Target, static (id, s) => new StatelessWorkerPool(id, s.classInfo, s.silo), (classInfo, silo: _silo))
                .Deliver(message);
            return;
        }

        while (true)
        {
            if (!_activations.TryGetValue(message.Target, out var activation))
            {
                var created = new ActivationData(message.Target, classInfo, _silo);
                activation = _activations.GetOrAdd(message.Target, created);
                if (ReferenceEquals(activation, created))
                {
                    created.Activate();
                }
            }

            if (activation.TryReceive(message))
            {
                return;
            }

            // The activation finished deactivating between lookup and offer; it is gone, make a new one.
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(message.Target, activation));
        }
    }

    public bool TryGetActivation(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(grainId, out activation!);

    public void Remove(ActivationData activation)
    {
        if (activation.ClassInfo.IsStatelessWorker)
        {
            if (_workers.TryGetValue(activation.GrainId, out var pool))
            {
                pool.Remove(activation);
            }

            return;
        }

        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
    }

    /// <summary>Deactivates activations of grains this silo no longer owns.</summary>
    public void OnViewChanged()
    {
        foreach (var activation in _activations.Values)
        {
            if (!_silo.Placement.IsLocalOwner(activation.GrainId))
            {
                activation.RequestDeactivation(DeactivationReason.PlacementChanged);
            }
        }
    }

    /// <summary>Deactivates every activation (graceful shutdown) and waits for them.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason)
    {
        var all = Activations.ToList();
        foreach (var activation in all)
        {
            activation.RequestDeactivation(reason);
        }

        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(_silo.Options.DeactivationTimeout * 2, _silo.TimeProvider)
            .ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    /// <summary>Crash: abandon every activation without running any grain code.</summary>
    public void Kill()
    {
        _killed = true;
        _collector?.Dispose();
        foreach (var activation in Activations.ToList())
        {
            activation.Abandon();
        }

        _activations.Clear();
        _workers.Clear();
    }

    public void CollectIdle()
    {
        try
        {
            var now = _silo.TimeProvider.GetTimestamp();
            foreach (var activation in Activations)
            {
                var age = activation.ClassInfo.CollectionAge ?? _silo.Options.CollectionAge;
                if (activation.IsIdleFor(age, now))
                {
                    activation.RequestDeactivation(DeactivationReason.IdleCollection);
                }
            }
        }
        catch (Exception e)
        {
            _silo.Logger.LogError(e, "Idle collection failed");
        }
    }

    public ValueTask DisposeAsync()
    {
        _collector?.Dispose();
        return ValueTask.CompletedTask;
    }
}
