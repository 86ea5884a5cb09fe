using System.Globalization;
using System.Reflection;

namespace Parity.Runtime.Transport.Tcp;

/// <summary>
/// Exceptions across the wire: type name, message and the data the runtime's own exceptions need. The
/// receiver recreates the same type when it knows it and can build it with the same message — the runtime's
/// exceptions from their data, any other exception type from a <c>(string, Exception)</c> or <c>(string)</c>
/// constructor — else a <see cref="RemoteGrainException"/> with the original type name and message.
/// </summary>
internal static class RemoteExceptionCodec
{
    private const char ChainSeparator = '\n';

    public static WireError ToWire(Exception exception)
    {
        Dictionary<string, string>? fields = exception switch
        {
            GrainOverloadedException e => new() { ["grain"] = e.GrainId.ToString(), ["queued"] = Format(e.Queued), ["bound"] = Format(e.Bound) },
            DeadlockException e => new() { ["grain"] = e.Target.ToString(), ["chain"] = string.Join(ChainSeparator, e.CallChain) },
            GrainCallTimeoutException e => new() { ["grain"] = e.GrainId.ToString(), ["method"] = e.Method, ["timeoutTicks"] = Format(e.Timeout.Ticks) },
            InconsistentStateException e => Fields(("stored", e.StoredVersion), ("expected", e.ExpectedVersion)),
            JournalWriteException e => new() { ["grain"] = e.GrainId.ToString() },
            SiloUnavailableException e => new() { ["silo"] = e.Silo },
            RemoteGrainException e => new() { ["remoteType"] = e.RemoteExceptionType },
            _ => null,
        };
        return new WireError { Type = TypeName(exception.GetType()), Message = exception.Message, Fields = fields };
    }

    public static Exception FromWire(WireError error)
    {
        try
        {
            var recreated = Recreate(error);
            if (recreated is not null && recreated.Message == error.Message)
            {
                return recreated;
            }
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or TargetInvocationException or ArgumentException or MemberAccessException)
        {
            // The data does not fit the type known here (another version?): keep type name and message.
        }

        return new RemoteGrainException(error.Type, error.Message);
    }

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private static Exception? Recreate(WireError error)
    {
        var f = error.Fields ?? [];
        var fullName = error.Type.Split(',', 2)[0];
        switch (fullName)
        {
            case "Parity.Runtime.GrainOverloadedException":
                return new GrainOverloadedException(GrainId.Parse(f["grain"]), int.Parse(f["queued"], CultureInfo.InvariantCulture), int.Parse(f["bound"], CultureInfo.InvariantCulture));
            case "Parity.Runtime.DeadlockException":
                return new DeadlockException(GrainId.Parse(f["grain"]), f["chain"].Split(ChainSeparator, StringSplitOptions.RemoveEmptyEntries).Select(GrainId.Parse).ToArray());
            case "Parity.Runtime.GrainCallTimeoutException":
                return new GrainCallTimeoutException(GrainId.Parse(f["grain"]), f["method"], TimeSpan.FromTicks(long.Parse(f["timeoutTicks"], CultureInfo.InvariantCulture)));
            case "Parity.Runtime.InconsistentStateException":
                return new InconsistentStateException(error.Message, f.GetValueOrDefault("stored"), f.GetValueOrDefault("expected"));
            case "Parity.Runtime.JournalWriteException":
                return new JournalWriteException(GrainId.Parse(f["grain"]), After(error.Message, $"Events of {f["grain"]} were not made durable: "));
            case "Parity.Runtime.SiloUnavailableException":
                return new SiloUnavailableException(f["silo"], After(error.Message, $"Silo {f["silo"]} is unavailable: "));
            case "Parity.Runtime.RemoteGrainException":
                return new RemoteGrainException(f["remoteType"], error.Message);
            case "Parity.Runtime.RetryableException":
                return new RetryableException(error.Message);
        }

        // Only exception types are ever constructed from the wire, and only through message constructors.
        var type = Type.GetType(error.Type, throwOnError: false);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.IsAbstract)
        {
            return null;
        }

        // (string, Exception) first: for ArgumentNullException and ObjectDisposedException the lone string is a name, not the message.
        if (type.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
        {
            return (Exception)withInner.Invoke([error.Message, null]);
        }

        return type.GetConstructor([typeof(string)]) is { } withMessage ? (Exception)withMessage.Invoke([error.Message]) : null;
    }

    private static string After(string message, string prefix) => message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(params (string Key, string? Value)[] values)
        => values.Where(static v => v.Value is not null).ToDictionary(static v => v.Key, static v => v.Value!);
}
