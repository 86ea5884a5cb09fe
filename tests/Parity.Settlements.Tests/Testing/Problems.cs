using System.Net;
using System.Text.Json;

namespace Parity.Settlements.Tests.Testing;

/// <summary>Assertions on the gateway's answers.</summary>
public static class Problems
{
    /// <summary>Asserts an RFC 7807 problem of the given status and type slug with a title, detail and correlation id.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal("urn:parity:problem:" + slug, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal(Assert.Single(response.Headers.GetValues("X-Correlation-Id")), body.GetProperty("correlationId").GetString());
        return body;
    }

    /// <summary>Asserts a success status and returns the JSON body.</summary>
    public static async Task<JsonElement> AssertOkAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The error messages of one field in a validation problem.</summary>
    public static string[] FieldErrors(this JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
