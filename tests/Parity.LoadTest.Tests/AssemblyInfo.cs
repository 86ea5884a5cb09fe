// The open-loop and end-to-end tests measure time; running them one class at a time keeps them from starving each
// other on small shared machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
