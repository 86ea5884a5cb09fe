namespace Parity.Runtime.Hosting;

/// <summary>Settings of a network cluster client.</summary>
public sealed class ClusterClientOptions
{
    /// <summary>Cluster whose membership rows the client reads. <value>The default value is <c>parity</c>.</value></summary>
    public string ClusterId { get; set; } = "parity";

    /// <summary>How long one call may take, retries included. <value>The default value is 30 seconds.</value></summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client re-reads the cluster's view. <value>The default value is 1 second.</value></summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per call for failures that are <see cref="RetryableException"/>; 1 disables retries.
    /// <value>The default value is 6.</value></summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry; doubled per attempt, with jitter. <value>The default value is 50 ms.</value></summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest delay between attempts. <value>The default value is 2 seconds.</value></summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
