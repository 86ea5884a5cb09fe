using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Scenarios;

/// <summary>Which API keys a run sends.</summary>
/// <param name="AdminKey">Setup and read-back; with <paramref name="PerChannelKeys"/> false, every request too (naming
/// its channel in the body, which only admin keys may).</param>
/// <param name="PerChannelKeys">Send each request with its channel's own key (the in-process target configures them).</param>
internal sealed record TargetKeys(string AdminKey, bool PerChannelKeys)
{
    /// <summary>The key a request of <paramref name="channel"/> is sent with.</summary>
    public string KeyFor(string channel) => PerChannelKeys ? Hosting.LoadTestKeys.ForChannel(channel) : AdminKey;
}

/// <summary>
/// Sends the sale's request i as a reservation POST (the gateway's, the baseline's or the ceiling's path), sorts the
/// answer into accepted (2xx), rejected (409) or error, and keeps every acknowledged reservation for the invariant
/// check. Bodies are the gateway's reserve request; with a shared admin key they name the channel.
/// </summary>
internal sealed class ReservationDriver(HttpClient http, string path, FlashSaleScenario scenario, TargetKeys keys, string requestPrefix = "") : IRequestDriver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reservations answered 2xx, with the ids the server gave.</summary>
    public ConcurrentBag<Acknowledgement> Acknowledgements { get; } = [];

    /// <summary>Non-2xx, non-409 answers by status code (0 for transport failures), for the report's notes.</summary>
    public ConcurrentDictionary<int, long> ErrorsByStatus { get; } = new();

    public async Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken)
    {
        var request = scenario.Request(index, requestPrefix);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            requestId = request.RequestId,
            orderRef = "order:" + request.RequestId,
            kind = "Order",
            channelId = keys.PerChannelKeys ? null : request.Channel,
            lines = new[] { new { sku = request.Sku, locationId = request.Location, quantity = request.Quantity } },
        }, Json);
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add("X-Api-Key", keys.KeyFor(request.Channel));
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var answer = await response.Content.ReadFromJsonAsync<ReserveAnswer>(Json, cancellationToken).ConfigureAwait(false);
                foreach (var held in answer?.Reservations ?? [])
                {
                    Acknowledgements.Add(new Acknowledgement($"{held.Sku}@{held.LocationId}", held.ReservationId, request.Channel, held.Quantity));
                }

                if (answer?.Reservations is null && answer?.ReservationId is { } id)
                {
                    // The baseline answers with one id for the request.
                    Acknowledgements.Add(new Acknowledgement(request.Position, id, request.Channel, request.Quantity));
                }

                return RequestOutcome.Accepted;
            }

            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                return RequestOutcome.Rejected;
            }

            ErrorsByStatus.AddOrUpdate((int)response.StatusCode, 1, static (_, n) => n + 1);
            return RequestOutcome.Error;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            ErrorsByStatus.AddOrUpdate(0, 1, static (_, n) => n + 1);
            return RequestOutcome.Error;
        }
    }

    private sealed record ReserveAnswer(string? ReservationId, IReadOnlyList<HeldAnswer>? Reservations);

    private sealed record HeldAnswer(string Sku, string LocationId, string ReservationId, int Quantity);
}
