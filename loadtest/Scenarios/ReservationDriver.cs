using System.Collections.Concurrent;
using System.Net;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Scenarios;

/// <summary>
/// Sends the sale's request i as a reservation POST (the gateway's, the baseline's or the ceiling's path), sorts the
/// answer into accepted (2xx), rejected (409) or error, and keeps every acknowledged reservation for the invariant
/// check. Bodies are the gateway's reserve request; with a shared admin key they name the channel.
/// </summary>
internal sealed class ReservationDriver(HttpClient http, string path, FlashSaleScenario scenario, ScenarioKeys keys, string requestPrefix = "") : IRequestDriver
{

    // Source-generated metadata for the answer: the generator shares this process's CPU with the server it measures,
    // so its own per-request work is kept small.
    private static readonly JsonTypeInfo<ReserveAnswer> AnswerInfo =
        (JsonTypeInfo<ReserveAnswer>)new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = DriverJson.Default }.GetTypeInfo(typeof(ReserveAnswer));

    /// <summary>Reservations answered 2xx, with the ids the server gave.</summary>
    public ConcurrentBag<Acknowledgement> Acknowledgements { get; } = [];

    /// <summary>Non-2xx, non-409 answers by status code (0 for transport failures), for the report's notes.</summary>
    public ConcurrentDictionary<int, long> ErrorsByStatus { get; } = new();

    /// <summary>The request body of <paramref name="request"/>: the gateway's reserve request, naming the channel
    /// only when every request is sent with the admin key.</summary>
    internal static byte[] Body(SaleRequest request, bool perChannelKeys)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("requestId", request.RequestId);
            json.WriteString("orderRef", "order:" + request.RequestId);
            json.WriteString("kind", "Order");
            if (perChannelKeys)
            {
                json.WriteNull("channelId");
            }
            else
            {
                json.WriteString("channelId", request.Channel);
            }

            json.WriteStartArray("lines");
            json.WriteStartObject();
            json.WriteString("sku", request.Sku);
            json.WriteString("locationId", request.Location);
            json.WriteNumber("quantity", request.Quantity);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public async Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken)
    {
        var request = scenario.Request(index, requestPrefix);
        var content = new ByteArrayContent(Body(request, keys.PerChannel));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        message.Headers.TryAddWithoutValidation("X-Api-Key", keys.Channel(request.Channel));
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var answer = await response.Content.ReadFromJsonAsync(AnswerInfo, cancellationToken).ConfigureAwait(false);
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

}

/// <summary>The parts of a reservation answer the driver reads: the gateway's held reservations, or the baseline's one id.</summary>
/// <param name="ReservationId">The baseline's reservation id.</param>
/// <param name="Reservations">The gateway's reservations, one per position.</param>
internal sealed record ReserveAnswer(string? ReservationId, IReadOnlyList<HeldAnswer>? Reservations);

/// <summary>One reservation of a gateway answer.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="LocationId">The location.</param>
/// <param name="ReservationId">The reservation id.</param>
/// <param name="Quantity">Units held.</param>
internal sealed record HeldAnswer(string Sku, string LocationId, string ReservationId, int Quantity);

[JsonSerializable(typeof(ReserveAnswer))]
internal sealed partial class DriverJson : JsonSerializerContext;
