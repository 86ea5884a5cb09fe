using System.Text.Json;

namespace Parity.LoadTest.Hosting;

/// <summary>Reads the reservation id out of a stored Reserved event without depending on the grains' serializer settings.</summary>
internal static class JournalPayload
{
    /// <summary>The payload's <c>ReservationId</c> (any casing), or null.</summary>
    public static string? ReservationId(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, "reservationId", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
