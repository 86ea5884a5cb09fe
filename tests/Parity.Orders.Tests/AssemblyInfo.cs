// Cluster tests wait on real timers (parking window, posting retries); one class at a time keeps them from
// starving each other on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
