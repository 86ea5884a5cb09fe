// The tests share one cluster and its global grains (exception queue, receivables per provider); one test at a time
// lets each assert on what it changed since its own baseline.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
