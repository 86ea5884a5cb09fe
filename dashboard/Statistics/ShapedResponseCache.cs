using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Parity.Runtime.Statistics;

namespace Parity.Dashboard.Statistics;

/// <summary>
/// Keeps each page's JSON, serialized once, for as long as the statistics view it was shaped from is the current one:
/// every browser polling the same page within the cache period gets the same bytes, so open dashboards cost the silo
/// one shaping per page per period, not one per browser.
/// </summary>
internal sealed class ShapedResponseCache(IOptions<JsonOptions> json)
{
    private readonly ConditionalWeakTable<ClusterStatisticsView, Dictionary<string, byte[]>> _byView = new();

    public IResult Json(ClusterStatisticsView view, string key, Func<ClusterStatisticsView, object> shape)
    {
        var shaped = _byView.GetOrCreateValue(view);
        byte[]? bytes;
        lock (shaped)
        {
            shaped.TryGetValue(key, out bytes);
        }

        if (bytes is null)
        {
            bytes = JsonSerializer.SerializeToUtf8Bytes(shape(view), json.Value.SerializerOptions);
            lock (shaped)
            {
                shaped[key] = bytes;
            }
        }

        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}
