// Cluster tests wait on reminders; one class at a time keeps them from starving each other on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
