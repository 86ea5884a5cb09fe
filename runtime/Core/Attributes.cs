namespace Parity.Runtime;

/// <summary>Requests to this grain class may interleave at await points (Orleans' [Reentrant]).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This interface method may interleave with any other request, even on a non-reentrant grain.
/// Meant for read-only queries.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>
/// Several activations of this grain may exist, each local to the silo that calls it; they hold no
/// identity-bound state (Orleans' [StatelessWorker]).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="maxLocalWorkers">Activations per silo at most; 0 means one per processor.</param>
    public StatelessWorkerAttribute(int maxLocalWorkers = 0) => MaxLocalWorkers = maxLocalWorkers;

    /// <summary>Activations per silo at most; 0 means one per processor.</summary>
    public int MaxLocalWorkers { get; }
}

/// <summary>Idle activations of this grain class are collected after this age instead of the silo default.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Creates the attribute from a number of minutes.</summary>
    public CollectionAgeLimitAttribute(double minutes) => Age = TimeSpan.FromMinutes(minutes);

    /// <summary>The age limit.</summary>
    public TimeSpan Age { get; }
}

/// <summary>Names the grain type as stored and placed. Without it the class name is used; set it so a
/// rename of the class does not orphan stored state.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public GrainTypeAttribute(string name) => Name = name;

    /// <summary>The grain type name.</summary>
    public string Name { get; }
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to be bound
/// to the grain's stored state named <see cref="StateName"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public PersistentStateAttribute(string stateName) => StateName = stateName;

    /// <summary>The name the state is stored under.</summary>
    public string StateName { get; }
}

/// <summary>
/// When this class and another implement the same grain interface, this one answers for it instead of the
/// interface becoming ambiguous. Meant for test doubles registered next to the real grains' assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainOverrideAttribute : Attribute;
