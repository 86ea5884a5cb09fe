using Parity.Runtime.Hosting;
using Parity.Runtime.Invocation;

namespace Parity.Runtime.Activation;

/// <summary>
/// The local activations of one [StatelessWorker] grain: a call goes to an idle worker, a new worker is
/// added while under the limit, else to the worker with the shortest mailbox.
/// </summary>
internal sealed class StatelessWorkerPool
{
    private readonly GrainId _grainId;
    private readonly GrainClassInfo _classInfo;
    private readonly Silo _silo;
    private readonly Lock _lock = new();
    private readonly List<ActivationData> _workers = [];

    public StatelessWorkerPool(GrainId grainId, GrainClassInfo classInfo, Silo silo)
    {
        _grainId = grainId;
        _classInfo = classInfo;
        _silo = silo;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _workers.Count;
            }
        }
    }

    public IEnumerable<ActivationData> Activations
    {
        get
        {
            lock (_lock)
            {
                return _workers.ToArray();
            }
        }
    }

    public void Deliver(Message message)
    {
        while (true)
        {
            ActivationData? target = null;
            ActivationData? created = null;
            lock (_lock)
            {
                foreach (var worker in _workers)
                {
                    if (worker.IsValid && worker.MailboxDepth == 0)
                    {
                        target = worker;
                        break;
                    }
                }

                if (target is null && _workers.Count < _classInfo.MaxLocalWorkers)
                {
                    created = target = new ActivationData(_grainId, _classInfo, _silo);
                    _workers.Add(created);
                }

                target ??= _workers.MinBy(w => w.MailboxDepth);
            }

            created?.Activate();
            if (target!.TryReceive(message))
            {
                return;
            }

            Remove(target);
        }
    }

    public void Remove(ActivationData activation)
    {
        lock (_lock)
        {
            _workers.Remove(activation);
        }
    }
}
