using System.Text;
using System.Text.Json;

namespace Parity.Erp.Tests.Testing;

/// <summary>The HTTP calls the end-to-end tests make through the gateway, and the check that each one succeeded.</summary>
internal static class HttpChecks
{
    /// <summary>Awaits <paramref name="request"/>, fails the test with the method, URL, status and body unless it
    /// succeeded, and returns the body as JSON (default for an empty body).</summary>
    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Sends <paramref name="body"/> as Shopify's webhook of <paramref name="topic"/> (unsigned, a new webhook id).</summary>
    public static Task<HttpResponseMessage> Shopify(HttpClient client, string topic, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/channels/shopify/webhooks/{topic}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }
}
