using Microsoft.Extensions.Options;

namespace Parity.Runtime.Hosting;

/// <summary>Settings of one silo. Every default is documented; the silo logs its effective options at start.</summary>
public sealed class SiloOptions
{
    /// <summary>Name of the cluster this silo joins. <value>The default value is <c>parity</c>.</value></summary>
    public string ClusterId { get; set; } = "parity";

    /// <summary>Address other silos and clients reach this silo on. <value>The default value is <c>127.0.0.1</c>.</value></summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port for silo-to-silo and client traffic; 0 picks a free one. <value>The default value is 11111.</value></summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>How long a caller waits for an answer. <value>The default value is 30 seconds.</value></summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests that may wait in one activation's mailbox before calls fail with
    /// <see cref="GrainOverloadedException"/>. <value>The default value is 10,000.</value></summary>
    public int MailboxBound { get; set; } = 10_000;

    /// <summary>Idle time after which an activation is collected, unless its class sets
    /// <see cref="CollectionAgeLimitAttribute"/>. <value>The default value is 15 minutes.</value></summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. <value>The default value is 1 minute.</value></summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time allowed for loading state and OnActivateAsync. <value>The default value is 30 seconds.</value></summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for OnDeactivateAsync. <value>The default value is 10 seconds.</value></summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Journaled grains write a snapshot every this many events. <value>The default value is 100.</value></summary>
    public int JournalSnapshotInterval { get; set; } = 100;

    /// <summary>Heartbeat interval in the membership table. <value>The default value is 1 second.</value></summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the membership table is read. <value>The default value is 1 second.</value></summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is declared dead. <value>The default value is 6 seconds.</value></summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often the reminder table is polled for due reminders. <value>The default value is 1 second.</value></summary>
    public TimeSpan ReminderPollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the silo sends its statistics snapshot to the cluster statistics grain, which dashboards
    /// read; zero turns publishing off. <value>The default value is zero (off); the silo host turns it on with the dashboard.</value></summary>
    public TimeSpan StatisticsPublishPeriod { get; set; } = TimeSpan.Zero;

    /// <summary>How many of the busiest activations each published snapshot names. <value>The default value is 20.</value></summary>
    public int StatisticsTopGrains { get; set; } = 20;
}

/// <summary>Rejects silo options that cannot work, at start.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId)) errors.Add("ClusterId is required.");
        if (string.IsNullOrWhiteSpace(options.Host)) errors.Add("Host is required.");
        if (options.SiloPort is < 0 or > 65535) errors.Add("SiloPort must be 0..65535.");
        if (options.CallTimeout <= TimeSpan.Zero) errors.Add("CallTimeout must be positive.");
        if (options.MailboxBound < 1) errors.Add("MailboxBound must be at least 1.");
        if (options.CollectionAge <= TimeSpan.Zero || options.CollectionQuantum <= TimeSpan.Zero) errors.Add("CollectionAge and CollectionQuantum must be positive.");
        if (options.JournalSnapshotInterval < 1) errors.Add("JournalSnapshotInterval must be at least 1.");
        if (options.StatisticsPublishPeriod < TimeSpan.Zero) errors.Add("StatisticsPublishPeriod must not be negative.");
        if (options.StatisticsTopGrains < 0) errors.Add("StatisticsTopGrains must not be negative.");
        if (options.DeathTimeout <= options.IAmAlivePeriod) errors.Add("DeathTimeout must be longer than IAmAlivePeriod.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
