using Parity.Runtime.Hosting;
using Parity.Runtime.Statistics;
using Parity.Silo;

// One silo with the HTTP surface for channels and operators on one port. Storage and clustering come
// from configuration (SiloConfiguration.cs); by default SQLite in data/parity.db under the content root.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
var settings = builder.UseParitySiloFromConfiguration();
builder.Services.AddParityGateway(builder.Configuration);
builder.Services.AddParityDashboard(builder.Configuration);

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapGet("/health/ready", (Silo silo) => silo.Status == Parity.Runtime.Membership.SiloStatus.Active
    ? Results.Ok(new { status = "ready", silo = silo.Address.ToString() })
    : Results.Problem(title: "Silo not ready", detail: $"The silo is {silo.Status}.", statusCode: StatusCodes.Status503ServiceUnavailable));
app.MapGet("/statistics", (ISiloStatistics statistics, int? top) => Results.Ok(statistics.GetSnapshot(top ?? 10)));
app.MapParityGateway();
app.MapParityDashboard();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var silo = app.Services.GetRequiredService<Silo>();
    app.Logger.LogInformation("Parity silo {Silo} is ready ({Settings}); HTTP on {Urls}", silo.Address, settings.Describe(), string.Join(", ", app.Urls));
});

await app.RunAsync();
