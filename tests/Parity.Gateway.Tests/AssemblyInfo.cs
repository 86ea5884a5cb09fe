// Every test class drives a real Kestrel server over an in-process cluster; one class at a time keeps them from
// starving each other on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
