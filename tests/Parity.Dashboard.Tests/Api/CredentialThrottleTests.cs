using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Parity.Dashboard.Tests.Testing;

namespace Parity.Dashboard.Tests.Api;

/// <summary>Guessing dashboard passwords and API keys is throttled per address and per account: past the configured
/// failures in a window the answer is 429 problem details with Retry-After, while others go on signing in.</summary>
[Collection(DashboardCluster.CollectionName)]
public sealed class CredentialThrottleTests(DashboardCluster cluster)
{
    private const string BusinessPath = "/dashboard/api/business";
    private const string Password = "correct horse battery";

    private static Task<DashboardHost> StartAsync(DashboardCluster cluster, string window = "00:05:00") => DashboardHost.StartAsync(cluster, o =>
    {
        o.Environment = "Production";
        o.Settings["Parity:Dashboard:Username"] = "ops";
        o.Settings["Parity:Dashboard:Password"] = Password;
        o.Settings["Parity:Dashboard:CredentialThrottle:Window"] = window;
    });

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (any 127.x address is loopback).</summary>
    private static HttpClient ClientFrom(DashboardHost host, string localAddress, string? apiKey = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    private static FormUrlEncodedContent Form(string username, string password) =>
        new(new Dictionary<string, string> { ["username"] = username, ["password"] = password });

    private static async Task AssertThrottledAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:parity:problem:too-many-failed-sign-ins", problem.GetProperty("type").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
    }

    [Fact]
    public async Task HundredWrongPasswords_Get429s_WhileACorrectLoginFromAnotherAddressWorks()
    {
        await using var host = await StartAsync(cluster);
        using var guesser = ClientFrom(host, "127.0.0.1");
        using var operatorClient = ClientFrom(host, "127.0.0.2");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 100; i++)
        {
            answers.Add(await guesser.PostAsync("/dashboard/login", Form("ops", $"guess-{i}")));
        }

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].StatusCode);
        await AssertThrottledAsync(answers[^1]);
        // Once throttled, the right password from the guessing address is refused too: nothing is checked.
        await AssertThrottledAsync(await guesser.PostAsync("/dashboard/login", Form("ops", Password)));
        using var login = await operatorClient.PostAsync("/dashboard/login", Form("ops", Password));
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
    }

    [Fact]
    public async Task HundredWrongApiKeys_OnTheDashboardApi_Get429s_WhileTheAdminKeyFromAnotherAddressWorks()
    {
        await using var host = await StartAsync(cluster);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            using var guesser = ClientFrom(host, "127.0.0.1", $"guessed-key-{i:D8}");
            using var response = await guesser.GetAsync(BusinessPath);
            statuses.Add(response.StatusCode);
            if (i == 99)
            {
                await AssertThrottledAsync(response);
            }
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        using var admin = ClientFrom(host, "127.0.0.3", DashboardHost.AdminKey);
        using var allowed = await admin.GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task AfterTheWindow_TheCorrectPasswordWorksAgain_FromTheSameAddress()
    {
        await using var host = await StartAsync(cluster, window: "00:00:01");
        using var guesser = ClientFrom(host, "127.0.0.1");
        HttpResponseMessage last;
        var tries = 0;
        do
        {
            last = await guesser.PostAsync("/dashboard/login", Form("ops", $"guess-{tries++}"));
        }
        while (last.StatusCode != HttpStatusCode.TooManyRequests && tries < 100);
        await AssertThrottledAsync(last);

        await Eventually.WaitForAsync(async () => (await guesser.PostAsync("/dashboard/login", Form("ops", Password))).StatusCode,
            status => status == HttpStatusCode.NoContent, "the correct password is accepted once the window has passed");
    }
}
