using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parity.LoadTest.Scenarios;

/// <summary>Set-up and read-back calls of the mixed scenarios, all with the admin key (it acts for every channel and store).</summary>
internal sealed class AdminApi(HttpClient http, string adminKey)
{
    /// <summary>Web-style JSON (camelCase, enums as numbers or strings on the way in).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Receives <paramref name="quantity"/> units into <paramref name="position"/>.</summary>
    public async Task ReceiveAsync(string position, int quantity, string eventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/inventory/positions/{position}/receipts")
        {
            Content = JsonContent.Create(new { eventId, quantity, reference = "loadtest-stock" }, options: Json),
        };
        request.Headers.Add("X-Api-Key", adminKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Receipt into {position} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>GETs <paramref name="path"/>: the body, or null for 404. 503/504 are retried for a minute, because a
    /// run that overloaded the silo may leave grains working through their mailboxes.</summary>
    public async Task<JsonElement?> GetAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", adminKey);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && deadline.Elapsed < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>OnHand and Reserved of <paramref name="position"/>.</summary>
    public async Task<(int OnHand, int Reserved)> PositionAsync(string position, CancellationToken cancellationToken)
    {
        var view = await GetAsync($"/v1/inventory/positions/{position}?channel=web", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Position {position} is not found.");
        return (view.GetProperty("onHand").GetInt32(), view.GetProperty("reserved").GetInt32());
    }
}
