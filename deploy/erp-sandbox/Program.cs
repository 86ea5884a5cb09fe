using Parity.ErpSandbox;

// The sandbox ERP as a process of its own: `dotnet run --project deploy/erp-sandbox -- --urls http://127.0.0.1:5090`.
var url = args.SkipWhile(a => a != "--urls").Skip(1).FirstOrDefault() ?? "http://127.0.0.1:5090";
var app = SandboxErp.Build(url, args: args);
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogWarning("Sandbox ERP listening on {Urls}", string.Join(", ", app.Urls)));
await app.RunAsync();
