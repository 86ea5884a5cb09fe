using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Exceptions;

/// <summary>Where an exception is (domain.md, Exceptions).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExceptionStatus>))]
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionStatus")]
public enum ExceptionStatus
{
    /// <summary>Waiting for its owner.</summary>
    Open,

    /// <summary>A retry or replay is running.</summary>
    Retrying,

    /// <summary>Done: fixed by a retry or resolved by hand with a note. A new report of the trace key reopens it.</summary>
    Resolved,
}

/// <summary>Who works an exception (domain.md, Exceptions).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExceptionOwner>))]
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionOwner")]
public enum ExceptionOwner
{
    /// <summary>Finance: settlements, journals, tax mappings, ERP refusals.</summary>
    Finance,

    /// <summary>Store operations: stock at stores.</summary>
    StoreOps,

    /// <summary>E-commerce: catalogue, prices, sourcing.</summary>
    ECommerce,

    /// <summary>IT: integrations, sequencing, outages, duplicates.</summary>
    It,
}

/// <summary>The owner of each category, as domain.md assigns them.</summary>
public static class ExceptionOwners
{
    /// <summary>Who owns <paramref name="category"/>.</summary>
    public static ExceptionOwner For(ExceptionCategory category) => category switch
    {
        ExceptionCategory.UnknownSku or ExceptionCategory.PriceMismatch or ExceptionCategory.InsufficientStock => ExceptionOwner.ECommerce,
        ExceptionCategory.NegativeStock => ExceptionOwner.StoreOps,
        ExceptionCategory.UnmappedTaxCode or ExceptionCategory.SettlementVariance or ExceptionCategory.UnmatchedSettlementLine
            or ExceptionCategory.MissingSettlement or ExceptionCategory.UnbalancedJournal or ExceptionCategory.ErpRejected => ExceptionOwner.Finance,
        _ => ExceptionOwner.It,
    };
}
