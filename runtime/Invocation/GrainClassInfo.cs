using System.Reflection;

namespace Parity.Runtime.Invocation;

/// <summary>What the runtime knows about one grain class: its type name and its scheduling attributes.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type classType)
    {
        ClassType = classType;
        TypeName = classType.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.Name ?? classType.Name;
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        var worker = classType.GetCustomAttribute<StatelessWorkerAttribute>(inherit: true);
        IsStatelessWorker = worker is not null;
        MaxLocalWorkers = worker is null ? 1 : worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount;
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Age;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
    }

    public Type ClassType { get; }

    public string TypeName { get; }

    public bool IsReentrant { get; }

    public bool IsStatelessWorker { get; }

    public int MaxLocalWorkers { get; }

    public TimeSpan? CollectionAge { get; }

    public bool IsRemindable { get; }
}
