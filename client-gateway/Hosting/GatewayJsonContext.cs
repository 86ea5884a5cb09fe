using System.Text.Json.Serialization;
using Parity.Gateway.Inventory.Contracts;

namespace Parity.Gateway.Hosting;

/// <summary>
/// Source-generated JSON metadata for the hottest request and answer (a reservation), put first in the gateway's
/// resolver chain so they skip reflection-built metadata; every other type still resolves by reflection. The
/// options (strict numbers, enums as names, web naming) are the chain's own, so the JSON is the same either way.
/// </summary>
[JsonSerializable(typeof(ReserveRequestBody))]
[JsonSerializable(typeof(ReservationResponse))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
