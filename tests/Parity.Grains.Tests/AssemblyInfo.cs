// Cluster tests wait on real timers (expiry, reminders, collection); running them one class at a time keeps
// them from starving each other on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
