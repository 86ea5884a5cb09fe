using System.Collections.Immutable;
using System.Text;
using Parity.Cluster.Tests.Grains;
using Parity.Runtime;
using Parity.Runtime.Activation;
using Parity.Runtime.Invocation;
using Parity.Runtime.Membership;
using Parity.Runtime.Transport.Tcp;

namespace Parity.Cluster.Tests.Transport;

public sealed class WireFormatTests
{
    private static readonly GrainTypeRegistry Registry = CreateRegistry();

    // The wire contract. If this test fails, a member was renamed or removed: that breaks silos and clients of
    // the previous version. Add members instead (readers ignore what they do not know).
    private const string GoldenCall =
        """{"kind":"call","id":7,"targetSilo":"127.0.0.1:4000@42","grain":"echo/k1","method":"Parity.Cluster.Tests.Grains.IEchoGrain.EchoAsync/1","args":[{"text":"hi","count":3,"at":"2030-01-02T03:04:05\u002B00:00"}],"deadline":"2030-01-02T03:04:35+00:00","forwardCount":1,"context":{"correlationId":"corr-1","deadline":"2030-01-02T03:04:35+00:00","callChain":["caller/a"],"items":{"SourceSystem":"pos"}},"viewVersion":0}""";

    [Fact]
    public void Call_EncodesToGoldenJson()
    {
        var envelope = WireCodec.ToCall(7, new SiloAddress("127.0.0.1", 4000, 42), SampleMessage());
        var json = Payload(WireCodec.EncodeFrame(envelope));
        Assert.Equal(GoldenCall, json);
    }

    [Fact]
    public void GoldenCall_DecodesToTheSameMessage()
    {
        var message = WireCodec.ToMessage(WireCodec.DecodeFrame(Encoding.UTF8.GetBytes(GoldenCall)), Registry);
        AssertSample(message);
    }

    [Fact]
    public void Call_WithUnknownMembers_StillDecodes()
    {
        var newer = GoldenCall.Replace("\"kind\":\"call\",", "\"kind\":\"call\",\"priority\":5,\"trace\":{\"span\":\"x\"},", StringComparison.Ordinal)
            .Replace("\"correlationId\":", "\"tenant\":\"t1\",\"correlationId\":", StringComparison.Ordinal);
        var message = WireCodec.ToMessage(WireCodec.DecodeFrame(Encoding.UTF8.GetBytes(newer)), Registry);
        AssertSample(message);
    }

    [Theory]
    [InlineData("invalid", typeof(InvalidOperationException))]
    [InlineData("argument", typeof(ArgumentOutOfRangeException))]
    [InlineData("domain", typeof(OutOfWidgetsException))]
    [InlineData("overloaded", typeof(GrainOverloadedException))]
    [InlineData("deadlock", typeof(DeadlockException))]
    [InlineData("inconsistent", typeof(InconsistentStateException))]
    [InlineData("journal", typeof(JournalWriteException))]
    [InlineData("timeout", typeof(GrainCallTimeoutException))]
    [InlineData("opaque", typeof(RemoteGrainException))]
    public async Task Exception_CrossesTheWire_WithTypeAndMessage(string kind, Type expected)
    {
        var grain = new EchoGrain();
        Exception original;
        try
        {
            // The grain is not activated, so exceptions that read GrainId are built here instead.
            original = kind switch
            {
                "overloaded" => new GrainOverloadedException(new GrainId("echo", "k"), 7, 5),
                "deadlock" => new DeadlockException(new GrainId("echo", "k"), [new GrainId("echo", "k"), new GrainId("other", "k")]),
                "journal" => new JournalWriteException(new GrainId("echo", "k"), "disk full"),
                "timeout" => new GrainCallTimeoutException(new GrainId("echo", "k"), "X", TimeSpan.FromMilliseconds(1500)),
                _ => await Assert.ThrowsAnyAsync<Exception>(() => grain.ThrowAsync(kind, "widgets ran out")),
            };
        }
        catch (InvalidOperationException e)
        {
            original = e;
        }

        var reply = WireCodec.DecodeFrame(Encoding.UTF8.GetBytes(Payload(WireCodec.EncodeFrame(WireCodec.ToReply(1, Task.FromException<object?>(original), null)))));
        var message = SampleMessage();
        WireCodec.Complete(message, reply);
        var received = await Assert.ThrowsAnyAsync<Exception>(() => message.Completion.Task);
        Assert.IsType(expected, received);
        Assert.Equal(original.Message, received.Message);
        if (received is RemoteGrainException remote)
        {
            Assert.Contains(nameof(OpaqueException), remote.RemoteExceptionType, StringComparison.Ordinal);
        }
    }

    private static Message SampleMessage()
    {
        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var method = Registry.GetInterface(typeof(IEchoGrain)).AllMethods.Single(m => m.Name == nameof(IEchoGrain.EchoAsync));
        var context = new CallContextData("corr-1", at.AddSeconds(30), [new GrainId("caller", "a")],
            ImmutableDictionary<string, object>.Empty.Add("SourceSystem", "pos"));
        return new Message(new GrainId("echo", "k1"), method, [new EchoRequest("hi", 3, at)], context, at.AddSeconds(30)) { ForwardCount = 1 };
    }

    private static void AssertSample(Message message)
    {
        var expected = SampleMessage();
        Assert.Equal(expected.Target, message.Target);
        Assert.Same(expected.Method, message.Method);
        Assert.Equal(expected.Arguments[0], message.Arguments[0]);
        Assert.Equal(expected.Deadline, message.Deadline);
        Assert.Equal(1, message.ForwardCount);
        Assert.Equal("corr-1", message.Context!.CorrelationId);
        Assert.Equal(expected.Context!.Deadline, message.Context.Deadline);
        Assert.Equal(new[] { new GrainId("caller", "a") }, message.Context.CallChain.ToArray());
        Assert.Equal("pos", message.Context.Items["SourceSystem"]);
    }

    private static string Payload(byte[] frame) => Encoding.UTF8.GetString(frame, 4, frame.Length - 4);

    private static GrainTypeRegistry CreateRegistry()
    {
        var registry = new GrainTypeRegistry();
        registry.AddAssembly(typeof(EchoGrain).Assembly);
        return registry;
    }
}
