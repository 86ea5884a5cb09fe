// Cluster tests wait on reminders; running them one class at a time keeps them from starving each other on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
