namespace Parity.Runtime.Membership;

/// <summary>A silo's life cycle in the membership table.</summary>
public enum SiloStatus
{
    /// <summary>Starting; not yet given grains.</summary>
    Joining = 1,

    /// <summary>Serving grains.</summary>
    Active = 2,

    /// <summary>Stopping gracefully; its grains move away.</summary>
    ShuttingDown = 3,

    /// <summary>Stopped or declared dead; never comes back (a restart is a new generation).</summary>
    Dead = 4,
}
