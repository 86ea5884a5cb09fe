using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parity.Gateway.Hosting;
using Parity.Gateway.Tests.Orders;
using Parity.Gateway.Tests.Testing;
using Xunit.Abstractions;

namespace Parity.Gateway.Tests.Security;

/// <summary>
/// Issue 17, "make it stay fixed": walks the gateway's own OpenAPI document and sends every operation, for every field
/// of its body and every path and query parameter, generated hostile values with every relevant key. No answer may be a
/// 5xx; every 4xx is RFC 7807 problem details, naming the field when it is a field-level refusal (400/422); and a pass
/// of values that can never be valid (type confusion, overflow, duplicated keys, wrong content types, missing or
/// wrong keys) stores nothing: the journal's events and grain state writes are unchanged after each operation's batch.
/// Operations are discovered from the document, so a new endpoint is walked without anyone adding it here.
/// </summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class SchemaAbuseTests(OrdersGatewayFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string FinanceKey = "test-finance-key-01";
    private const int Concurrency = 8;

    // Operations the walk leaves out, with why. Empty: every documented operation is walked.
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal);

    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    private readonly ConcurrentBag<string> _failures = [];
    private readonly ConcurrentBag<string> _accepted = [];
    private GatewayHost _gateway = null!;
    private JsonElement _schemas;
    private int _sent;
    private long _correlation;
    private string _batch = "abuse-";

    // The resources hostile requests aim at, seeded before the pass.
    private string _sku = null!;
    private string _orderId = null!;
    private const string Store = "STORE-1";
    private const string Date = "2026-11-20";

    public async Task InitializeAsync()
    {
        // A gateway over the fixture's cluster whose rate limits do not turn the pass into 429s, with a finance key.
        _gateway = await OrdersGateway.StartAsync(clusterOf: fixture.Host, configure: o =>
        {
            foreach (var bucket in new[] { "Default", "Unauthenticated" })
            {
                o.Settings[$"Gateway:RateLimits:{bucket}:TokenLimit"] = "1000000";
                o.Settings[$"Gateway:RateLimits:{bucket}:TokensPerPeriod"] = "1000000";
            }

            var next = GatewayHost.KeySettings.Keys.Count(k => k.EndsWith(":Key", StringComparison.Ordinal));
            o.Settings[$"Gateway:ApiKeys:{next}:Key"] = FinanceKey;
            o.Settings[$"Gateway:ApiKeys:{next}:Channel"] = "finance";
            o.Settings[$"Gateway:ApiKeys:{next}:Scopes:0"] = "finance";
        });
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task EveryOperation_RefusesHostileInput_WithProblemsNamingTheField_AndStoresNothing()
    {
        var started = DateTime.UtcNow;
        var document = JsonDocument.Parse(await _gateway.Client(null).GetStringAsync(GatewayRoutes.OpenApiDocument)).RootElement.Clone();
        _schemas = document.GetProperty("components").GetProperty("schemas");
        await SeedAsync();

        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, method.Value));
            }
        }

        var walked = operations.Where(o => !Excluded.ContainsKey(o.Name)).ToList();
        Assert.Equal(operations.Count, walked.Count + Excluded.Count);
        Assert.Equal(41, operations.Count);

        // Journal events are counted by the correlation id the batch's requests carry, so background work of earlier
        // batches (a cart expiring, a push to SKU availability) is never taken for a refused request's write.
        await QuiesceAsync();
        foreach (var (operation, index) in walked.Select((o, i) => (o, i)))
        {
            var ownKey = await OwnKeyAsync(operation);
            _batch = $"abuse-s{index}-";
            var before = StoredBy(_batch);
            await SendAllAsync(operation, StrictRequests(operation, ownKey).ToList());
            var after = StoredBy(_batch);
            if (after != before)
            {
                _failures.Add($"{operation.Name}: requests that can never be valid stored something (journal events, state writes {before} -> {after})");
                await QuiesceAsync();
            }
        }

        foreach (var (operation, index) in walked.Select((o, i) => (o, i)))
        {
            var ownKey = await OwnKeyAsync(operation);
            _batch = $"abuse-l{index}-";
            var before = StoredBy(_batch);
            var acceptedBefore = _accepted.Count;
            await SendAllAsync(operation, LenientRequests(operation, ownKey).ToList());
            if (_accepted.Count != acceptedBefore)
            {
                // Some values were valid after all (an emoji in a free-text reason): what they stored is theirs.
                await QuiesceAsync();
            }
            else if (StoredBy(_batch) != before)
            {
                _failures.Add($"{operation.Name}: refused requests stored something ({before} -> {StoredBy(_batch)})");
                await QuiesceAsync();
            }
        }

        output.WriteLine($"{walked.Count} operations, {_sent} requests, {(DateTime.UtcNow - started).TotalSeconds:F0} s; excluded: {Excluded.Count}");
        foreach (var accepted in _accepted.Order(StringComparer.Ordinal))
        {
            output.WriteLine("accepted: " + accepted);
        }

        // The check above is live: what the accepted requests stored carries their correlation ids.
        Assert.NotEmpty(_accepted);
        Assert.True(_gateway.Journal.EventsCorrelatedWith("abuse-l") > 0, "no journal event carries an abuse request's correlation id");

        var failures = _failures.Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} findings:\n" + string.Join("\n", failures.Take(80)));
    }

    private (long Events, long State) StoredBy(string correlationPrefix) => (
        _gateway.Journal.EventsCorrelatedWith(correlationPrefix),
        _gateway.Cluster.GetSiloServiceProvider().GetRequiredService<GrainStateWrites>().Count);

    private (long Events, long Snapshots, long State) Stored() => (
        _gateway.Journal.EventsAppended,
        _gateway.Journal.SnapshotsWritten,
        _gateway.Cluster.GetSiloServiceProvider().GetRequiredService<GrainStateWrites>().Count);

    /// <summary>Waits until nothing has been stored for a while (work a seed or an accepted request started in the
    /// background, such as posting, is done), with a deadline.</summary>
    private async Task QuiesceAsync()
    {
        var last = Stored();
        var stableSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(1))
        {
            Assert.True(DateTime.UtcNow < deadline, "the cluster kept storing for 30 s after the seed");
            await Task.Delay(50);
            var now = Stored();
            if (now != last)
            {
                (last, stableSince) = (now, DateTime.UtcNow);
            }
        }
    }

    private async Task SeedAsync()
    {
        _sku = OrdersGateway.NewSku();
        await _gateway.ReceiveAsync(_sku, "STORE-1", 1000);
        await _gateway.ReceiveAsync(_sku, "DC-1", 1000);
        var number = OrdersGateway.NewOrderNumber();
        _orderId = "web:" + number;
        (await _gateway.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/orders", OrdersGateway.Order(number, _sku))).EnsureSuccessStatusCode();
        var batch = new
        {
            batchId = "B-SEED",
            tickets = new[]
            {
                new
                {
                    ticketId = "T-SEED", occurredAt = "2026-11-20T10:00:00Z",
                    lines = new[] { new { type = "sale", sku = _sku, quantity = 1, unitPrice = 5m, tax = 0m } },
                    tenders = new[] { new { method = "cash", amount = 5m } },
                },
            },
        };
        (await _gateway.Client(GatewayHost.AdminKey).PostAsJsonAsync($"/v1/stores/{Store}/days/{Date}/batches", batch)).EnsureSuccessStatusCode();
    }

    /// <summary>The first non-admin key the operation does not refuse for its scope (probed with an empty body, which
    /// the scope check refuses before reading it), or admin.</summary>
    private async Task<string> OwnKeyAsync(Operation operation)
    {
        foreach (var key in new[] { GatewayHost.WebKey, GatewayHost.WarehouseKey, GatewayHost.StoreKey, FinanceKey })
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), Path(operation, null, null));
            if (operation.Method != "GET" && operation.Method != "DELETE")
            {
                request.Content = new StringContent("{", Encoding.UTF8, "application/json");
            }
            else if (operation.Method == "DELETE")
            {
                continue;
            }

            request.Headers.Add("X-Api-Key", key);
            using var response = await _gateway.Client(null).SendAsync(request);
            if (response.StatusCode is not HttpStatusCode.Forbidden and not HttpStatusCode.Unauthorized)
            {
                return key;
            }
        }

        return GatewayHost.AdminKey;
    }

    // ---- requests ----

    private sealed record Operation(string Method, string Template, JsonElement Spec)
    {
        public string Name => $"{Method} {Template}";
    }

    private sealed record Hostile(string What, string? Key, string Path, string? Body, string? ContentType, string? Field, bool Strict);

    /// <summary>Values that can never be valid: type confusion and overflow in every body field, duplicated keys, wrong
    /// content types, and the operation with other channels' keys, a read-only key, a wrong key and none.</summary>
    private IEnumerable<Hostile> StrictRequests(Operation operation, string ownKey)
    {
        var path = Path(operation, null, null);
        var (contentType, baseline) = Baseline(operation);
        var bodyRequests = new List<Hostile>();
        if (baseline is JsonObject root)
        {
            foreach (var (field, schema) in Fields(root, BodySchema(operation)!.Value, ""))
            {
                foreach (var (what, value) in StrictValues(schema))
                {
                    bodyRequests.Add(new Hostile($"{field} = {what}", null, path, With(root, field, value), contentType, field, true));
                }
            }

            foreach (var property in root.Select(p => p.Key).ToList())
            {
                var text = root.ToJsonString();
                var duplicated = "{" + JsonSerializer.Serialize(property) + ":" + root[property]?.ToJsonString() + "," + text[1..];
                bodyRequests.Add(new Hostile($"{property} twice", null, path, duplicated, contentType, property, true));
            }

            foreach (var (what, value) in new[] { ("array for object", "[]"), ("string", "\"x\""), ("number", "1"), ("null", "null"), ("truncated", root.ToJsonString()[..^1]) })
            {
                bodyRequests.Add(new Hostile("body " + what, null, path, value, contentType, null, true));
            }

            foreach (var wrong in new[] { "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded" })
            {
                bodyRequests.Add(new Hostile("content type " + wrong, null, path, root.ToJsonString(), wrong, null, true));
            }
        }
        else if (contentType is not null)
        {
            foreach (var wrong in new[] { "application/json", "application/xml" })
            {
                bodyRequests.Add(new Hostile("content type " + wrong, null, path, "a,b\n1,2\n", wrong, null, true));
            }
        }

        foreach (var request in bodyRequests)
        {
            yield return request with { Key = ownKey };
            yield return request with { Key = GatewayHost.AdminKey };
        }

        // Keys that may not do this: another channel's, a read-only one, a wrong one, none. They may only be refused,
        // whatever the body (a bounded sample).
        var sample = bodyRequests.Where((_, i) => i % 7 == 0).Take(12).ToList();
        var (baselineText, baselineType) = (baseline?.ToJsonString(), contentType);
        foreach (var key in new[] { GatewayHost.ReadOnlyKey, "not-a-key-of-ours-01", null })
        {
            if (key == GatewayHost.ReadOnlyKey && operation.Method == "GET")
            {
                continue;
            }

            yield return new Hostile("valid body", key, path, baselineText, baselineType, null, true) with { What = "valid body, key " + (key ?? "none") };
            foreach (var request in sample)
            {
                yield return request with { Key = key };
            }
        }

        foreach (var request in sample)
        {
            yield return request with { Key = GatewayHost.MarketplaceKey };
        }
    }

    /// <summary>Values that may or may not be valid: bounds ± 1, tiny and huge decimals, long and odd-character strings,
    /// null and missing fields, hostile path and query parameters.</summary>
    private IEnumerable<Hostile> LenientRequests(Operation operation, string ownKey)
    {
        var (contentType, baseline) = Baseline(operation);
        var path = Path(operation, null, null);
        var requests = new List<Hostile>();
        if (baseline is JsonObject root)
        {
            foreach (var (field, schema) in Fields(root, BodySchema(operation)!.Value, ""))
            {
                foreach (var (what, value) in LenientValues(schema))
                {
                    requests.Add(new Hostile($"{field} = {what}", null, path, With(root, field, value), contentType, field, false));
                }

                requests.Add(new Hostile($"{field} missing", null, path, With(root, field, null, remove: true), contentType, field, false));
            }
        }
        else if (contentType is not null)
        {
            foreach (var (what, value) in Strings())
            {
                requests.Add(new Hostile("file " + what, null, path, value, contentType, null, false));
            }
        }

        if (operation.Spec.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString()!;
                var inPath = parameter.GetProperty("in").GetString() == "path";
                foreach (var (what, value) in Strings().Where(s => s.Value.Length < 2000))
                {
                    var hostilePath = inPath ? Path(operation, name, value) : Path(operation, null, null) + "?" + name + "=" + Uri.EscapeDataString(value);
                    requests.Add(new Hostile($"{name} = {what}", null, hostilePath, baseline?.ToJsonString(), contentType, name, false));
                }
            }
        }

        foreach (var request in requests)
        {
            yield return request with { Key = ownKey };
            if (ownKey != GatewayHost.AdminKey)
            {
                yield return request with { Key = GatewayHost.AdminKey };
            }
        }
    }

    private async Task SendAllAsync(Operation operation, IReadOnlyList<Hostile> requests)
    {
        using var gate = new SemaphoreSlim(Concurrency);
        var client = _gateway.Client(null);
        await Task.WhenAll(requests.Select(async hostile =>
        {
            await gate.WaitAsync();
            try
            {
                await SendAsync(client, operation, hostile);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task SendAsync(HttpClient client, Operation operation, Hostile hostile)
    {
        Interlocked.Increment(ref _sent);
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), hostile.Path);
        request.Headers.Add("X-Correlation-Id", _batch + Interlocked.Increment(ref _correlation).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (hostile.Key is not null)
        {
            request.Headers.Add("X-Api-Key", hostile.Key);
        }

        if (hostile.Body is not null)
        {
            request.Content = new StringContent(hostile.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = hostile.ContentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(hostile.ContentType);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var label = $"{operation.Name} [{hostile.What}] key {Short(hostile.Key)}: {status}";
        if (hostile.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal))
        {
            // Excluded from the problem-details check, and only this case: Kestrel refuses a NUL in the path (%00) with a
            // bare 400 before any middleware runs, so the gateway cannot answer it with problem details without
            // rewriting requests at the connection level (reported on issue 17). It must still be that 400.
            if (status != 400)
            {
                _failures.Add($"{label}: a NUL in the path should be Kestrel's 400 {Short(text, 200)}");
            }

            return;
        }

        if (status >= 500)
        {
            _failures.Add($"{label} (5xx) {Short(text, 300)}");
            return;
        }

        if (status < 400)
        {
            if (hostile.Strict || hostile.Key is null || hostile.Key == GatewayHost.ReadOnlyKey && operation.Method != "GET")
            {
                _failures.Add($"{label}: accepted a request that can never be valid {Short(text, 200)}");
            }
            else if (operation.Method != "GET")
            {
                _accepted.Add(label);
            }

            return;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            _failures.Add($"{label}: not problem details ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}) {Short(text, 200)}");
            return;
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            _failures.Add($"{label}: problem body is not JSON {Short(text, 200)}");
            return;
        }

        if (!problem.TryGetProperty("type", out var type) || type.GetString()?.StartsWith("urn:parity:problem:", StringComparison.Ordinal) != true
            || !problem.TryGetProperty("status", out var problemStatus) || problemStatus.GetInt32() != status)
        {
            _failures.Add($"{label}: problem without a Parity type or with another status {Short(text, 200)}");
            return;
        }

        var slug = type.GetString()!["urn:parity:problem:".Length..];
        if (hostile.Field is null || status is not (400 or 422) || slug is not ("invalid-json" or "validation-failed"))
        {
            return;
        }

        var named = Named(problem);
        if (named.Count == 0)
        {
            _failures.Add($"{label} {slug}: names no field (expected {hostile.Field}) {Short(text, 200)}");
        }
        else if (hostile.Strict && !named.Any(n => Relates(n, hostile.Field)))
        {
            _failures.Add($"{label} {slug}: names {string.Join(", ", named)}, not {hostile.Field} {Short(text, 200)}");
        }
    }

    private static List<string> Named(JsonElement problem)
    {
        var names = new List<string>();
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            names.AddRange(errors.EnumerateObject().Select(e => e.Name));
        }

        if (problem.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String)
        {
            names.Add(field.GetString()!);
        }

        return names;
    }

    /// <summary>Whether a named field is the hostile one, a part of it, or what holds it.</summary>
    private static bool Relates(string named, string field) =>
        string.Equals(named, field, StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(named + ".", StringComparison.OrdinalIgnoreCase) || field.StartsWith(named + "[", StringComparison.OrdinalIgnoreCase)
        || named.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase) || named.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase);

    private static string Short(string? text, int length = 24) =>
        text is null ? "none" : text.Length <= length ? text : text[..length] + "…";

    // ---- the document ----

    private JsonElement Resolve(JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = _schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
                continue;
            }

            if (schema.TryGetProperty("oneOf", out var oneOf))
            {
                var notNull = oneOf.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
                if (notNull.ValueKind == JsonValueKind.Object)
                {
                    schema = notNull;
                    continue;
                }
            }

            return schema;
        }
    }

    /// <summary>The schema's kind: object, map, array, string, integer, number, boolean, enum, date-time or any.</summary>
    private string Kind(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("enum", out _))
        {
            return "enum";
        }

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()
            : null;
        if (type == "object" && schema.TryGetProperty("additionalProperties", out _) && !schema.TryGetProperty("properties", out _))
        {
            return "map";
        }

        if (type == "string" && schema.TryGetProperty("format", out var format) && format.GetString() == "date-time")
        {
            return "date-time";
        }

        return type ?? "any";
    }

    private JsonElement? BodySchema(Operation operation)
    {
        if (!operation.Spec.TryGetProperty("requestBody", out var body))
        {
            return null;
        }

        var content = body.GetProperty("content");
        return content.TryGetProperty("application/json", out var json) ? json.GetProperty("schema") : content.EnumerateObject().First().Value.GetProperty("schema");
    }

    /// <summary>A body every field of which holds a plausible value (the seeded SKU, order, store), and its content type.</summary>
    private (string? ContentType, JsonNode? Body) Baseline(Operation operation)
    {
        if (!operation.Spec.TryGetProperty("requestBody", out var body))
        {
            return (null, null);
        }

        var content = body.GetProperty("content");
        if (!content.TryGetProperty("application/json", out _))
        {
            return (content.EnumerateObject().First().Name, null);
        }

        var schema = BodySchema(operation)!.Value;
        return ("application/json", Kind(schema) is "object" or "map" or "any" ? Plausible(schema, "", 0) ?? new JsonObject() : Plausible(schema, "", 0));
    }

    private JsonNode? Plausible(JsonElement schema, string name, int depth)
    {
        var resolved = Resolve(schema);
        switch (Kind(schema))
        {
            case "object":
                var obj = new JsonObject();
                if (depth < 4 && resolved.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        obj[property.Name] = Plausible(property.Value, property.Name, depth + 1);
                    }
                }

                return obj;
            case "map":
                return new JsonObject();
            case "array":
                return depth < 4 && resolved.TryGetProperty("items", out var items) ? new JsonArray(Plausible(items, name, depth + 1)) : new JsonArray();
            case "integer":
                return name.Contains("tier", StringComparison.OrdinalIgnoreCase) || name.Contains("safety", StringComparison.OrdinalIgnoreCase) ? 0
                    : name.Contains("ttl", StringComparison.OrdinalIgnoreCase) ? 900 : 1;
            case "number":
                return name.Contains("discount", StringComparison.OrdinalIgnoreCase) || name.Contains("tax", StringComparison.OrdinalIgnoreCase) ? 0m : 5m;
            case "boolean":
                return false;
            case "enum":
                return resolved.GetProperty("enum").EnumerateArray().First(e => e.ValueKind != JsonValueKind.Null).GetString();
            case "date-time":
                return "2026-11-20T10:00:00Z";
            case "string":
                return PlausibleString(name);
            default:
                return new JsonObject();
        }
    }

    private string PlausibleString(string name) => name.ToLowerInvariant() switch
    {
        "sku" => _sku,
        "locationid" or "tolocationid" or "fromlocationid" => "DC-1",
        "currency" => "EUR",
        "channel" or "channelid" => "web",
        "orderid" => _orderId,
        "taxcode" => "VAT20",
        "method" => "card",
        "type" => "sale",
        "store" => Store,
        "businessdate" => Date,
        "status" => "captured",
        "outcome" => "Released",
        _ => "abuse-1",
    };

    /// <summary>Every field of a body (objects and the first element of arrays, nested), with its schema.</summary>
    private IEnumerable<(string Path, JsonElement Schema)> Fields(JsonObject body, JsonElement schema, string prefix)
    {
        var resolved = Resolve(schema);
        if (!resolved.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var path = prefix + property.Name;
            yield return (path, property.Value);
            var kind = Kind(property.Value);
            if (kind == "object" && body[property.Name] is JsonObject child)
            {
                foreach (var nested in Fields(child, property.Value, path + "."))
                {
                    yield return nested;
                }
            }
            else if (kind == "array" && body[property.Name] is JsonArray { Count: > 0 } array && array[0] is JsonObject element
                && Resolve(property.Value).TryGetProperty("items", out var items))
            {
                foreach (var nested in Fields(element, items, path + "[0]."))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The body with the field at <paramref name="path"/> (e.g. <c>lines[0].quantity</c>) set to raw JSON
    /// <paramref name="value"/>, or removed.</summary>
    private static string With(JsonObject root, string path, string? value, bool remove = false)
    {
        var copy = (JsonObject)root.DeepClone();
        JsonObject target = copy;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            target = part.EndsWith("[0]", StringComparison.Ordinal) ? (JsonObject)((JsonArray)target[part[..^3]]!)[0]! : (JsonObject)target[part]!;
        }

        if (remove)
        {
            target.Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = value is null ? null : JsonNode.Parse(value);
        }

        return copy.ToJsonString();
    }

    private string Path(Operation operation, string? hostileName, string? hostileValue)
    {
        var path = operation.Template;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["position"] = $"{_sku}@STORE-1",
            ["sku"] = _sku,
            ["orderId"] = _orderId,
            ["locationId"] = "STORE-1",
            ["store"] = Store,
            ["date"] = Date,
            ["provider"] = "stripe",
            ["batchId"] = "B-ABUSE-1",
            ["traceKey"] = "Abuse-1",
            ["resource"] = "orders",
            ["action"] = "create",
        };
        foreach (var (name, value) in values)
        {
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(name == hostileName ? hostileValue! : value), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        return path;
    }

    // ---- values ----

    private IEnumerable<(string What, string Value)> StrictValues(JsonElement schema)
    {
        switch (Kind(schema))
        {
            case "integer":
                return [("string", "\"5\""), ("object", "{}"), ("array", "[1]"), ("boolean", "true"), ("int.MaxValue+1", "2147483648"), ("int.MinValue-1", "-2147483649"),
                    ("1e30", "1e30"), ("-1e30", "-1e30"), ("0.000000001", "0.000000001"), ("fraction", "2.5")];
            case "number":
                return [("string", "\"5\""), ("object", "{}"), ("array", "[1]"), ("boolean", "true"), ("1e30", "1e30"), ("-1e30", "-1e30"),
                    ("decimal overflow", "79228162514264337593543950336")];
            case "string" or "date-time" or "enum":
                return [("number", "12345"), ("object", "{\"a\":1}"), ("array", "[\"a\"]"), ("boolean", "true")];
            case "boolean":
                return [("string", "\"yes\""), ("number", "1"), ("object", "{}")];
            case "object" or "map":
                return [("array", "[{}]"), ("string", "\"x\""), ("number", "1")];
            case "array":
                return [("object", "{}"), ("string", "\"x\""), ("number", "1")];
            default:
                return [];
        }
    }

    private IEnumerable<(string What, string Value)> LenientValues(JsonElement schema)
    {
        var kind = Kind(schema);
        IEnumerable<(string, string)> values = kind switch
        {
            "integer" => [("-1", "-1"), ("0", "0"), ("1", "1"), ("1,000,000", "1000000"), ("1,000,001", "1000001"), ("1,000,000,000", "1000000000"),
                ("1,000,000,001", "1000000001"), ("int.MaxValue", "2147483647"), ("int.MinValue", "-2147483648")],
            "number" => [("-1", "-1"), ("0", "0"), ("0.000000001", "0.000000001"), ("0.001", "0.001"), ("1e9", "1000000000"), ("1e9+0.01", "1000000000.01"),
                ("1e12+1", "1000000000001"), ("int.MaxValue+1", "2147483648"), ("-1e9-0.01", "-1000000000.01"), ("decimal.MaxValue", "79228162514264337593543950335")],
            "string" or "enum" => Strings().Select(s => (s.What, JsonSerializer.Serialize(s.Value))).Append(("undefined number", "42")),
            "date-time" => [("not a date", "\"yesterday\""), ("year 1", "\"0001-01-01T00:00:00Z\""), ("year 9999", "\"9999-12-31T23:59:59Z\""), ("no offset", "\"2026-11-20T10:00:00\"")],
            "array" => [("empty", "[]"), ("of nulls", "[null]"), ("of 1,001 objects", "[" + string.Join(",", Enumerable.Repeat("{}", 1001)) + "]")],
            "map" => [("empty", "{}"), ("odd key", "{\"\\u202e=x\":\"y\"}")],
            _ => [],
        };
        return values.Append(("null", "null"));
    }

    private static IEnumerable<(string What, string Value)> Strings() =>
    [
        ("empty", ""), ("64 chars", new string('A', 64)), ("65 chars", new string('A', 65)), ("1,025 chars", new string('A', 1025)),
        ("100,000 chars", new string('A', 100_000)), ("control characters", "A\u0000B\u0007\u001b"), ("colon", "a:b"), ("slash", "a/b"),
        ("percent", "a%2Fb%00"), ("pipe", "a|b"), ("RTL override", "abc\u202Edef"), ("emoji", "SKU-\U0001F600"), ("leading =", "=HYPERLINK(\"x\")"),
        ("spaces", " a b "), ("dot dot", ".."),
    ];
}
