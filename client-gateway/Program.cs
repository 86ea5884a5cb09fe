// A gateway process: the channels' API on its own port, calling the silo cluster as an Orleans client.
// `dotnet run --project silo` co-hosts the same API; run this to scale the HTTP tier apart from the silos.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5090");
builder.UseParityClusterClient();
builder.Services.AddParityGateway(builder.Configuration);
builder.Services.AddParityDashboard(builder.Configuration);

var app = builder.Build();
app.MapClusterClientHealth();
app.MapParityGateway();
app.MapParityDashboard();
await app.RunAsync();
