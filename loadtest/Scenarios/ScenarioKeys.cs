using Parity.LoadTest.Hosting;

namespace Parity.LoadTest.Scenarios;

/// <summary>
/// The API key each request of a run carries. In process every reservation, web or marketplace request goes with its
/// channel's key and every POS request with its store's key, as real channels do; the admin key is for set-up and the
/// invariant reads only. Against a gateway URL the tool knows one key, so every request carries it (and a reservation
/// then names its channel in the body, which only admin keys may).
/// </summary>
/// <param name="Admin">Set-up (receipts) and read-back.</param>
/// <param name="Channel">The key of an order channel.</param>
/// <param name="Store">The POS key of a store.</param>
/// <param name="PerChannel">Whether channel and store keys differ from the admin key.</param>
internal sealed record ScenarioKeys(string Admin, Func<string, string> Channel, Func<string, string> Store, bool PerChannel)
{
    /// <summary>The in-process target's keys (<see cref="LoadTestKeys"/>).</summary>
    public static ScenarioKeys InProcess { get; } = new(LoadTestKeys.Admin, LoadTestKeys.ForChannel, LoadTestKeys.ForStore, PerChannel: true);

    /// <summary>One key for everything (a running gateway's admin key).</summary>
    public static ScenarioKeys AdminOnly(string admin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(admin);
        return new(admin, _ => admin, _ => admin, PerChannel: false);
    }
}
