using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using Parity.Runtime.Activation;
using Parity.Runtime.Invocation;
using Parity.Runtime.Membership;

namespace Parity.Runtime.Transport.Tcp;

/// <summary>
/// Turns messages into length-prefixed JSON frames and back. Arguments and results are serialized with
/// <see cref="ParityJson.Options"/> as the method's declared parameter and result types, so both sides agree
/// on shape without type names on the wire.
/// </summary>
internal static class WireCodec
{
    /// <summary>A frame larger than this is a protocol error, not a message.</summary>
    public const int MaxFrameLength = 64 * 1024 * 1024;

    public static byte[] EncodeFrame(WireEnvelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Advance(4);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, envelope, WireJsonContext.Default.WireEnvelope);
        }

        var frame = buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        return frame;
    }

    public static WireEnvelope DecodeFrame(ReadOnlySpan<byte> payload)
        => JsonSerializer.Deserialize(payload, WireJsonContext.Default.WireEnvelope) ?? throw new JsonException("An empty frame.");

    public static WireEnvelope ToCall(long id, SiloAddress target, Message message)
    {
        var method = message.Method ?? throw new InvalidOperationException("Runtime work items do not cross silos.");
        var arguments = new JsonElement[message.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = JsonSerializer.SerializeToElement(message.Arguments[i], method.ParameterTypes[i], ParityJson.Options);
        }

        return new WireEnvelope
        {
            Kind = WireEnvelope.CallKind,
            Id = id,
            TargetSilo = target.ToString(),
            Grain = message.Target.ToString(),
            Method = method.Id,
            Arguments = arguments,
            Deadline = message.Deadline,
            ForwardCount = message.ForwardCount,
            Context = ToWire(message.Context),
        };
    }

    public static Message ToMessage(WireEnvelope envelope, GrainTypeRegistry registry)
    {
        var method = registry.GetMethod(envelope.Method ?? throw new InvalidDataException("A call without a method id."));
        var grain = GrainId.Parse(envelope.Grain ?? throw new InvalidDataException("A call without a target grain."));
        var arguments = new object?[method.ParameterTypes.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var type = method.ParameterTypes[i];
            arguments[i] = envelope.Arguments is { } wire && i < wire.Length
                ? wire[i].Deserialize(type, ParityJson.Options)
                : type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        return new Message(grain, method, arguments, FromWire(envelope.Context), envelope.Deadline) { ForwardCount = envelope.ForwardCount };
    }

    public static WireEnvelope ToReply(long id, Task<object?> completed, GrainMethod? method)
    {
        var reply = new WireEnvelope { Kind = WireEnvelope.ReplyKind, Id = id };
        if (completed.IsCompletedSuccessfully)
        {
            try
            {
                if (method?.ResultType is { } resultType)
                {
                    reply.Result = JsonSerializer.SerializeToElement(completed.Result, resultType, ParityJson.Options);
                }
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                reply.Error = RemoteExceptionCodec.ToWire(new InvalidOperationException($"The result of {method?.Name} cannot be serialized: {e.Message}"));
            }
        }
        else
        {
            var error = completed.Exception?.InnerException ?? new OperationCanceledException("The call was cancelled.");
            reply.Error = RemoteExceptionCodec.ToWire(error);
        }

        return reply;
    }

    public static void Complete(Message message, WireEnvelope reply)
    {
        if (reply.Error is { } error)
        {
            message.Fail(RemoteExceptionCodec.FromWire(error));
            return;
        }

        try
        {
            var result = message.Method?.ResultType is { } resultType && reply.Result is { } element
                ? element.Deserialize(resultType, ParityJson.Options)
                : null;
            message.Completion.TrySetResult(result);
        }
        catch (JsonException e)
        {
            message.Fail(new InvalidOperationException($"The reply of {message.MethodName} cannot be read: {e.Message}", e));
        }
    }

    private static WireContext? ToWire(CallContextData? context)
    {
        if (context is null)
        {
            return null;
        }

        Dictionary<string, JsonElement>? items = null;
        if (!context.Items.IsEmpty)
        {
            items = new Dictionary<string, JsonElement>(context.Items.Count, StringComparer.Ordinal);
            foreach (var (key, value) in context.Items)
            {
                items[key] = JsonSerializer.SerializeToElement(value, value.GetType(), ParityJson.Options);
            }
        }

        return new WireContext
        {
            CorrelationId = context.CorrelationId,
            Deadline = context.Deadline,
            CallChain = context.CallChain.IsDefaultOrEmpty ? null : context.CallChain.Select(static g => g.ToString()).ToArray(),
            Items = items,
        };
    }

    private static CallContextData? FromWire(WireContext? context)
    {
        if (context is null)
        {
            return null;
        }

        var items = ImmutableDictionary<string, object>.Empty;
        if (context.Items is { } wireItems)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, object>();
            foreach (var (key, element) in wireItems)
            {
                builder[key] = FromWire(element);
            }

            items = builder.ToImmutable();
        }

        var chain = context.CallChain is { } wireChain ? wireChain.Select(GrainId.Parse).ToImmutableArray() : ImmutableArray<GrainId>.Empty;
        return new CallContextData(context.CorrelationId, context.Deadline, chain, items);
    }

    // Context items are usually strings (causation, source system); give those back as the CLR type the
    // reader expects, keep anything structured as JSON.
    private static object FromWire(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => element.GetDouble(),
        _ => element.Clone(),
    };
}
