
namespace Parity.GrainInterfaces.Orders;

/// <summary>Root of the business errors an order raises; nothing was changed when one is thrown.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.orders.OrderException")]
public abstract class OrderException : ParityException
{
    /// <summary>Creates the exception.</summary>
    protected OrderException(string message) : base(message) { }
}

/// <summary>The lifecycle does not allow the event in the order's current state (whitelisted transitions).</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.orders.OrderTransitionException")]
public sealed class OrderTransitionException : OrderException
{
    /// <summary>Creates the exception.</summary>
    public OrderTransitionException(string message) : base(message) { }
}

/// <summary>The event names lines, quantities or amounts the order does not have.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.orders.OrderValidationException")]
public sealed class OrderValidationException : OrderException
{
    /// <summary>Creates the exception.</summary>
    public OrderValidationException(string message) : base(message) { }
}

/// <summary>No order was placed under the key.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.orders.OrderNotFoundException")]
public sealed class OrderNotFoundException : OrderException
{
    /// <summary>Creates the exception.</summary>
    public OrderNotFoundException(string message) : base(message) { }
}
