
namespace Parity.GrainInterfaces.Settlements;

/// <summary>Root of the business errors of settlement batches.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementException")]
public abstract class SettlementException : ParityException
{
    /// <summary>Creates the exception.</summary>
    protected SettlementException(string message) : base(message) { }
}

/// <summary>A settlement file that cannot be read: names the row and column, and nothing of the file was applied.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementFileException")]
public sealed class SettlementFileException : SettlementException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="provider">The provider whose layout was expected.</param>
    /// <param name="row">Line number in the file (the header is line 1); 0 when the problem is the file as a whole.</param>
    /// <param name="column">The column at fault, if one is.</param>
    /// <param name="problem">What is wrong, in business words.</param>
    public SettlementFileException(string provider, int row, string? column, string problem)
        : base(row == 0 ? $"The {provider} settlement file is not valid: {problem}"
            : column is null ? $"Row {row} of the {provider} settlement file is not valid: {problem}"
            : $"Row {row}, column '{column}' of the {provider} settlement file is not valid: {problem}")
    {
        Provider = provider;
        Row = row;
        Column = column;
        Problem = problem;
    }

    /// <summary>Creates the exception from its message alone (how it crosses process boundaries).</summary>
    public SettlementFileException(string message) : base(message)
    {
        Provider = "";
        Problem = message;
    }

    /// <summary>The provider.</summary>
    [Orleans.Id(0)]
    public string Provider { get; }

    /// <summary>Line number in the file; 0 for the file as a whole.</summary>
    [Orleans.Id(1)]
    public int Row { get; }

    /// <summary>The column at fault, if one is.</summary>
    [Orleans.Id(2)]
    public string? Column { get; }

    /// <summary>What is wrong.</summary>
    [Orleans.Id(3)]
    public string Problem { get; }
}

/// <summary>A different file arrived for a batch that already holds one: batches are never edited by upload.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementBatchConflictException")]
public sealed class SettlementBatchConflictException : SettlementException
{
    /// <summary>Creates the exception.</summary>
    public SettlementBatchConflictException(string message) : base(message) { }
}
