using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Tests.Scheduling;

public sealed class OpenLoopRunnerTests
{
    [Fact]
    public async Task Run_SlowServer_ShowsTheQueueingDelayInLatency()
    {
        // A real HTTP server that answers one request at a time, 100 ms each: 10/s at best. Asked for 20/s over 1 s,
        // the 20th request is due at 0.95 s but answered at about 2 s, so its latency from the scheduled time is about
        // 1 s — ten times the service time a closed-loop client (which waits before sending) would report.
        await using var server = await SlowServer.StartAsync(TimeSpan.FromMilliseconds(100));
        using var http = new HttpClient { BaseAddress = server.Address };
        var driver = new HttpDriver(http);
        (await http.PostAsync("/work", null)).Dispose(); // JIT and the first connection are not what this test measures
        var recorder = new RunRecorder();
        var plan = new OpenLoopPlan(ArrivalSchedule.Constant(20), TimeSpan.FromSeconds(1), long.MaxValue, 1000, TimeSpan.FromSeconds(30));

        await new OpenLoopRunner(TimeProvider.System).RunAsync(plan, driver, recorder, CancellationToken.None);

        var samples = recorder.Snapshot();
        Assert.Equal(20, samples.Length);
        Assert.All(samples, s => Assert.Equal(RequestOutcome.Accepted, s.Outcome));
        var summary = Percentiles.Summarise(samples.Select(s => s.LatencyMs));
        Assert.True(summary.Max >= 800, $"the slowest request waited {summary.Max} ms from its scheduled time; the queue must show");
        Assert.True(summary.Max > 2 * server.LongestServiceMs, $"the slowest latency {summary.Max} ms must be far above the longest service time {server.LongestServiceMs} ms");

        // Open loop: requests left on schedule although the server was far behind — each of the later requests was
        // sent before the answer to the one before it had arrived (a closed-loop client would have waited for it).
        for (var i = 10; i < 20; i++)
        {
            Assert.True(driver.SendTimes[i] < driver.AnswerTimes[i - 1],
                $"request {i} was sent at {driver.SendTimes[i]:0.000} s, after request {i - 1} was answered at {driver.AnswerTimes[i - 1]:0.000} s");
        }
    }

    [Fact]
    public async Task Run_StopsAtTheCountBound()
    {
        var recorder = new RunRecorder();
        var plan = new OpenLoopPlan(ArrivalSchedule.Constant(1000), TimeSpan.FromSeconds(30), 25, 1000, TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        await new OpenLoopRunner(TimeProvider.System).RunAsync(plan, new InstantDriver(), recorder, CancellationToken.None);

        Assert.Equal(25, recorder.Snapshot().Length);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Run_InFlightBoundFull_CountsDueRequestsAsNotSent()
    {
        var gate = new TaskCompletionSource<RequestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new RunRecorder();
        var plan = new OpenLoopPlan(ArrivalSchedule.Constant(100), TimeSpan.FromSeconds(0.2), long.MaxValue, 5, TimeSpan.FromSeconds(5));
        var run = new OpenLoopRunner(TimeProvider.System).RunAsync(plan, new GatedDriver(gate.Task), recorder, CancellationToken.None);

        while (recorder.Sent < 20)
        {
            await Task.Delay(10);
        }

        gate.SetResult(RequestOutcome.Accepted);
        await run;

        var samples = recorder.Snapshot();
        Assert.Equal(20, samples.Length);
        Assert.Equal(5, samples.Count(s => s.Outcome == RequestOutcome.Accepted));
        Assert.Equal(15, samples.Count(s => s.Outcome == RequestOutcome.NotSent));
    }

    private sealed class HttpDriver(HttpClient http) : IRequestDriver
    {
        private readonly long _start = Stopwatch.GetTimestamp();

        public ConcurrentDictionary<long, double> SendTimes { get; } = new();

        public ConcurrentDictionary<long, double> AnswerTimes { get; } = new();

        public async Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken)
        {
            SendTimes[index] = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            using var response = await http.PostAsync("/work", null, cancellationToken);
            AnswerTimes[index] = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            return response.IsSuccessStatusCode ? RequestOutcome.Accepted : RequestOutcome.Error;
        }
    }

    private sealed class InstantDriver : IRequestDriver
    {
        public Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken) => Task.FromResult(RequestOutcome.Accepted);
    }

    private sealed class GatedDriver(Task<RequestOutcome> gate) : IRequestDriver
    {
        public Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken) => gate;
    }

    /// <summary>Kestrel on loopback serving one request at a time, each taking <c>serviceTime</c>.</summary>
    private sealed class SlowServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly SemaphoreSlim _oneAtATime = new(1, 1);
        private long _longestTicks;

        private SlowServer(WebApplication app) => _app = app;

        public Uri Address => new(_app.Urls.Single());

        public double LongestServiceMs => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks)).TotalMilliseconds;

        public static async Task<SlowServer> StartAsync(TimeSpan serviceTime)
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new SlowServer(app);
            app.MapPost("/work", async () =>
            {
                await server._oneAtATime.WaitAsync();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (serviceTime > TimeSpan.Zero)
                    {
                        await Task.Delay(serviceTime);
                    }
                }
                finally
                {
                    var took = Stopwatch.GetElapsedTime(started).Ticks;
                    long seen;
                    while ((seen = Interlocked.Read(ref server._longestTicks)) < took && Interlocked.CompareExchange(ref server._longestTicks, took, seen) != seen)
                    {
                    }

                    server._oneAtATime.Release();
                }

                return Results.Ok();
            });
            await app.StartAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _oneAtATime.Dispose();
        }
    }
}
