using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Exceptions;

/// <summary>The business-friendly categories of the exception console (domain.md, Exceptions).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExceptionCategory>))]
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionCategory")]
public enum ExceptionCategory
{
    /// <summary>A channel sent a SKU nobody knows. Owner: e-commerce.</summary>
    UnknownSku,

    /// <summary>A tax code has no mapping. Owner: finance.</summary>
    UnmappedTaxCode,

    /// <summary>A price differs from the catalogue. Owner: e-commerce.</summary>
    PriceMismatch,

    /// <summary>Demand could not be sourced. Owner: e-commerce.</summary>
    InsufficientStock,

    /// <summary>A POS sale sold more than OnHand held. Owner: store ops.</summary>
    NegativeStock,

    /// <summary>An event arrived out of its expected order. Owner: IT.</summary>
    OutOfSequence,

    /// <summary>A settlement differs from the orders it covers. Owner: finance.</summary>
    SettlementVariance,

    /// <summary>A settlement line matches no order. Owner: finance.</summary>
    UnmatchedSettlementLine,

    /// <summary>An expected settlement did not arrive. Owner: finance.</summary>
    MissingSettlement,

    /// <summary>A journal does not balance. Owner: finance.</summary>
    UnbalancedJournal,

    /// <summary>The ERP refused a posting. Owner: finance.</summary>
    ErpRejected,

    /// <summary>The ERP could not be reached. Owner: IT.</summary>
    ErpUnavailable,

    /// <summary>Two events look like the same business fact. Owner: IT.</summary>
    DuplicateSuspected,
}
