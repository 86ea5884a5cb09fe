using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.LoadTest.Invariants;

namespace Parity.LoadTest.Scenarios;

/// <summary>
/// Prepares a flash sale through the gateway's own API (admin key): each position's channel policy (tiers, SafetyStock,
/// marketplace caps), then its stock as a receipt; waits until every position reports the policy in force. After the
/// run, reads each position and its policy back for the invariant check.
/// </summary>
internal sealed class FlashSaleSetup(HttpClient http, FlashSaleScenario scenario, string adminKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sets policies and stock, and waits for the policy to reach the positions.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var (sku, location) in scenario.Positions)
        {
            await PrepareOneAsync($"{sku}@{location}", scenario.PolicyBody, scenario.Options.Stock, cancellationToken).ConfigureAwait(false);
        }

        var deadline = Stopwatch.StartNew();
        foreach (var (sku, location) in scenario.Positions)
        {
            // The policy grain tells positions of a change itself; the sale must not start before they know.
            while (true)
            {
                var view = await GetAsync<PositionAnswer>($"/v1/inventory/positions/{sku}@{location}?channel={scenario.Channels[0].Id}", cancellationToken).ConfigureAwait(false);
                if (view.SafetyStock == scenario.Options.EffectiveSafetyStock && view.OnHand == scenario.Options.Stock)
                {
                    break;
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"Position {sku}@{location} did not take its channel policy within 30 s (SafetyStock {view.SafetyStock}, OnHand {view.OnHand}).");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives a warm-up position stock (default policy), outside the measured positions.</summary>
    public Task PrepareWarmUpAsync(string position, int stock, CancellationToken cancellationToken) =>
        PrepareOneAsync(position, null, stock, cancellationToken);

    /// <summary>Reads every position and its effective policy back.</summary>
    public async Task<IReadOnlyList<PositionObservation>> ObserveAsync(Func<string, Task<IReadOnlySet<string>?>> journal, CancellationToken cancellationToken)
    {
        var observations = new List<PositionObservation>();
        foreach (var (sku, location) in scenario.Positions)
        {
            var position = $"{sku}@{location}";
            var view = await GetAsync<PositionAnswer>($"/v1/inventory/positions/{position}?channel={scenario.Channels[0].Id}", cancellationToken).ConfigureAwait(false);
            var effective = await GetAsync<EffectivePolicyAnswer>($"/v1/inventory/channel-policy/positions/{position}", cancellationToken).ConfigureAwait(false);
            var channels = (effective.Policy.Channels ?? []).ToDictionary(
                c => c.Key, c => new ChannelLimit(c.Value.Tier, c.Value.Cap?.MaxUnits, c.Value.Cap?.Fraction), StringComparer.Ordinal);
            observations.Add(new PositionObservation(position, view.OnHand, view.Reserved, 0, scenario.Options.Stock,
                view.SafetyStock, effective.Policy.ProtectedTier, channels,
                view.Reservations.Select(r => new ObservedReservation(r.ReservationId, r.ChannelId, r.Quantity)).ToList(),
                await journal(position).ConfigureAwait(false)));
        }

        return observations;
    }

    private async Task PrepareOneAsync(string position, object? policy, int stock, CancellationToken cancellationToken)
    {
        if (policy is not null)
        {
            await SendAsync(HttpMethod.Put, $"/v1/inventory/channel-policy/positions/{position}", policy, cancellationToken).ConfigureAwait(false);
        }

        await SendAsync(HttpMethod.Post, $"/v1/inventory/positions/{position}/receipts",
            new { eventId = $"{scenario.RunId}-stock-{position.Replace('@', '-')}", quantity = stock, reference = "flash-sale-stock" }, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("X-Api-Key", adminKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        // After an overloaded run the hot position may still be working through its mailbox: 503 and 504 are retried
        // for two minutes before the read-back gives up.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", adminKey);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                continue;
            }

            return await ReadAsync<T>(path, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"GET {path} answered an empty body.");
    }

    private sealed record PositionAnswer(int OnHand, int Reserved, int SafetyStock, IReadOnlyList<ReservationAnswer> Reservations);

    private sealed record ReservationAnswer(string ReservationId, string ChannelId, int Quantity);

    private sealed record EffectivePolicyAnswer(long ConfigurationVersion, PolicyAnswer Policy);

    private sealed record PolicyAnswer(int ProtectedTier, int SafetyStock, Dictionary<string, RuleAnswer>? Channels);

    private sealed record RuleAnswer(int Tier, CapAnswer? Cap);

    private sealed record CapAnswer(int? MaxUnits, decimal? Fraction);
}
