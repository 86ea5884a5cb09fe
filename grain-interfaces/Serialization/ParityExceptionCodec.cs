using System.Buffers;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;
using Parity.Runtime;

namespace Parity.GrainInterfaces.Serialization;

/// <summary>
/// Orleans' base codec and copier for <see cref="ParityException"/>, the root the contracts' exceptions derive from.
/// The generated codec of a derived exception writes its base first; <see cref="ParityException"/> lives in the old
/// runtime (no Orleans codec of its own) and declares no state beyond <see cref="Exception"/>, so its part is exactly
/// Orleans' exception part: message, stack trace, inner exception, HResult and Data.
/// </summary>
/// <remarks>When <see cref="ParityException"/> moves out of <c>runtime/</c> it takes <c>[GenerateSerializer]</c>
/// itself and this class goes.</remarks>
[Orleans.RegisterSerializer]
[Orleans.RegisterCopier]
internal sealed class ParityExceptionCodec(IBaseCodec<Exception> exceptionCodec, IBaseCopier<Exception> exceptionCopier)
    : IBaseCodec<ParityException>, IBaseCopier<ParityException>
{
    /// <inheritdoc />
    public void Serialize<TBufferWriter>(ref Writer<TBufferWriter> writer, ParityException value)
        where TBufferWriter : IBufferWriter<byte> => exceptionCodec.Serialize(ref writer, value);

    /// <inheritdoc />
    public void Deserialize<TInput>(ref Reader<TInput> reader, ParityException value) => exceptionCodec.Deserialize(ref reader, value);

    /// <inheritdoc />
    public void DeepCopy(ParityException input, ParityException output, CopyContext context) => exceptionCopier.DeepCopy(input, output, context);
}
