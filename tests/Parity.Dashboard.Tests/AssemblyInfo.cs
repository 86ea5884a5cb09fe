// Each test class runs real Kestrel servers over the shared in-process cluster (and one drives Chromium); one class at
// a time keeps them from starving each other on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
