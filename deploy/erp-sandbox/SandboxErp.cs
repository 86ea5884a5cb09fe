using Microsoft.Extensions.Options;

namespace Parity.ErpSandbox;

/// <summary>
/// The sandbox ERP's HTTP API: <c>/api/journals</c> (post, get by external id), <c>/api/accounts</c>,
/// <c>/api/items</c>, and <c>/admin/*</c> for tests and operators (counts, outages, settings, accounts).
/// </summary>
public static class SandboxErp
{
    /// <summary>Registers the sandbox's services, bound from the <c>Sandbox</c> configuration section.</summary>
    public static IServiceCollection AddSandboxErp(this IServiceCollection services, IConfiguration configuration, Action<SandboxOptions>? configure = null)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection("Sandbox")).Configure(o => configure?.Invoke(o));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SandboxLedger(sp.GetRequiredService<IOptions<SandboxOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSandboxErp(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/journals", PostJournalAsync);
        app.MapGet("/api/journals/{externalId}", (string externalId, SandboxLedger ledger) =>
            ledger.Find(externalId) is { } document ? Results.Ok(document) : Results.NotFound());
        app.MapGet("/api/accounts", (SandboxLedger ledger) => Results.Ok(ledger.Accounts));
        app.MapGet("/api/items", (SandboxLedger ledger) => Results.Ok(ledger.Items));

        app.MapGet("/admin/counts", (SandboxLedger ledger) => Results.Ok(ledger.Counts));
        app.MapGet("/admin/documents", (SandboxLedger ledger) => Results.Ok(ledger.Documents));
        app.MapPost("/admin/outage", (OutageRequest request, SandboxLedger ledger) =>
            request.Seconds > 0 ? Results.Ok(ledger.StartOutage(TimeSpan.FromSeconds(request.Seconds))) : Results.BadRequest("seconds must be positive"));
        app.MapDelete("/admin/outage", (SandboxLedger ledger) =>
        {
            ledger.EndOutages();
            return Results.NoContent();
        });
        app.MapPut("/admin/settings", (SandboxSettings settings, SandboxLedger ledger) =>
        {
            ledger.Apply(settings);
            return Results.Ok(ledger.Options);
        });
        app.MapPost("/admin/accounts", (AccountRequest account, SandboxLedger ledger) =>
        {
            ledger.AddAccount(account.Number, account.Name);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>Builds a sandbox on <paramref name="url"/> (e.g. <c>http://127.0.0.1:0</c> for a free loopback port).</summary>
    public static WebApplication Build(string url, Action<SandboxOptions>? configure = null, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSandboxErp(builder.Configuration, configure);
        var app = builder.Build();
        app.MapSandboxErp();
        return app;
    }

    private static async Task<IResult> PostJournalAsync(HttpContext context, SandboxLedger ledger)
    {
        var latency = ledger.Options.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        JournalRequest? journal;
        try
        {
            journal = await context.Request.ReadFromJsonAsync<JournalRequest>(context.RequestAborted);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Results.BadRequest(new RejectionResponse("Invalid", $"The body is not a journal: {e.Message}"));
        }

        if (journal is null)
        {
            return Results.BadRequest(new RejectionResponse("Invalid", "The body is empty."));
        }

        if (ledger.Admit(journal.ExternalId) is { } refused)
        {
            context.Response.Headers.RetryAfter = refused.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: refused.Status,
                title: refused.Status == StatusCodes.Status429TooManyRequests ? "Rate limit exceeded" : "ERP unavailable (outage window)");
        }

        var (booked, refusal) = ledger.Post(journal);
        if (refusal is not null)
        {
            return refusal.Category == "Invalid" ? Results.BadRequest(refusal) : Results.UnprocessableEntity(refusal);
        }

        return booked!.Duplicate ? Results.Ok(booked) : Results.Created($"/api/journals/{Uri.EscapeDataString(journal.ExternalId!)}", booked);
    }
}
