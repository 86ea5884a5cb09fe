using Parity.LoadTest.Cli;

// The peak-event load test: see README.md. Exit codes: 0 every invariant 0, 1 an invariant broken, 2 bad usage or a
// failure before figures existed.
return await LoadTestCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
