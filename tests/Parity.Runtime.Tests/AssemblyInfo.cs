// Test grains count activations in statics; run test classes one after another so counts stay exact.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
