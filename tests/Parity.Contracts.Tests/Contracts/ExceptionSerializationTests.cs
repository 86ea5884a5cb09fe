using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Contracts.Tests.Contracts;

/// <summary>
/// A grain's exception reaches its caller as an <see cref="Exception"/>-typed field of the response: the caller must get
/// the same type back, with its message, its data members, <see cref="Exception.Data"/> and the thrower's stack trace.
/// </summary>
public sealed class ExceptionSerializationTests
{
    [Fact]
    public void InsufficientStock_CrossesAsException_WithMessageDataAndStackTrace()
    {
        var thrown = Catch(() => throw new InsufficientStockException(new PositionKey("SKU-1", "DC-1"), "Damage", 5, 2));
        thrown.Data["correlationId"] = "corr-1";

        var received = RoundTrip(thrown);

        var exception = Assert.IsType<InsufficientStockException>(received);
        Assert.Equal(thrown.Message, exception.Message);
        Assert.Equal(new PositionKey("SKU-1", "DC-1"), exception.Position);
        Assert.Equal(("Damage", 5, 2), (exception.Movement, exception.Requested, exception.Available));
        Assert.Equal("corr-1", exception.Data["correlationId"]);
        Assert.Contains(nameof(Catch), exception.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void SettlementFile_CrossesAsException_WithEveryMember()
    {
        var thrown = Catch(() => throw new SettlementFileException("adyen", 12, null, "the batch has no payout"));

        var exception = Assert.IsType<SettlementFileException>(RoundTrip(thrown));

        Assert.Equal(thrown.Message, exception.Message);
        Assert.Equal(("adyen", 12, (string?)null, "the batch has no payout"), (exception.Provider, exception.Row, exception.Column, exception.Problem));
    }

    private static Exception RoundTrip(Exception exception) =>
        ContractSerializer.Serializer.Deserialize<Exception>(ContractSerializer.Serializer.SerializeToArray(exception))
        ?? throw new InvalidOperationException("The payload holds null.");

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("Nothing was thrown.");
    }
}
