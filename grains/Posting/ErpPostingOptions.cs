namespace Parity.Grains.Posting;

/// <summary>
/// How journals reach the ERP, bound from <c>Parity:Erp</c>: the ERP's address, its rate limit, retry and circuit
/// settings, and where posted journals are exported in hledger format.
/// </summary>
public sealed class ErpPostingOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Parity:Erp";

    /// <summary>Base URL of the ERP's journal API (e.g. the sandbox ERP). When empty, journals queue durably and wait
    /// for an ERP to be configured. <value>The default value is empty.</value></summary>
    public string? BaseUrl { get; set; }

    /// <summary>Time allowed for one ERP call; a timeout counts as a transient failure. <value>The default value is 10 seconds.</value></summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Journals per second the ERP accepts (token bucket refill rate), shared by every legal entity on a silo.
    /// <value>The default value is 50.</value></summary>
    public double RatePerSecond { get; set; } = 50;

    /// <summary>Journals that may be sent at once after a quiet period (token bucket size). <value>The default value is 10.</value></summary>
    public int Burst { get; set; } = 10;

    /// <summary>Journals of one legal entity sent to the ERP at once. <value>The default value is 4.</value></summary>
    public int MaxConcurrentPosts { get; set; } = 4;

    /// <summary>First backoff after a transient failure; doubles per failure, with jitter. <value>The default value is 500 ms.</value></summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest backoff. <value>The default value is 30 seconds.</value></summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Transient failures in a row (not counting 429s) that open the circuit. <value>The default value is 5.</value></summary>
    public int CircuitFailureThreshold { get; set; } = 5;

    /// <summary>How long an open circuit sends nothing before one probe is let through. <value>The default value is 10 seconds.</value></summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Period of the durable reminder that wakes a posting grain with queued journals (after a crash or
    /// collection). <value>The default value is 1 minute.</value></summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Directory for the hledger export (one file per legal entity and posting day); none when empty.
    /// <value>The default value is empty.</value></summary>
    public string? HledgerDirectory { get; set; }

    /// <summary>The problems that make these options unusable.</summary>
    public IEnumerable<string> Validate()
    {
        if (BaseUrl is { Length: > 0 } && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _)) yield return $"{SectionName}:BaseUrl '{BaseUrl}' is not an absolute URL.";
        if (RequestTimeout <= TimeSpan.Zero) yield return $"{SectionName}:RequestTimeout must be positive.";
        if (RatePerSecond <= 0 || Burst < 1) yield return $"{SectionName}:RatePerSecond must be positive and Burst at least 1.";
        if (MaxConcurrentPosts < 1) yield return $"{SectionName}:MaxConcurrentPosts must be at least 1.";
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay) yield return $"{SectionName}:FirstRetryDelay must be positive and at most MaxRetryDelay.";
        if (CircuitFailureThreshold < 1 || CircuitBreakDuration <= TimeSpan.Zero) yield return $"{SectionName}:CircuitFailureThreshold must be at least 1 and CircuitBreakDuration positive.";
        if (ReminderPeriod <= TimeSpan.Zero) yield return $"{SectionName}:ReminderPeriod must be positive.";
    }
}
