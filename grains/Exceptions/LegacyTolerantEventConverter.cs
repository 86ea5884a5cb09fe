using System.Text.Json;
using System.Text.Json.Serialization;
using Parity.Providers.Journal;

namespace Parity.Grains.Exceptions;

/// <summary>
/// Reads and writes the exception queue's events with a <c>$type</c> discriminator (<c>raised</c>,
/// <c>status-changed</c>), and reads an event without one as <see cref="ExceptionRaised"/>: before statuses existed that
/// was the queue's only event, journaled bare, and those journals must still load.
/// </summary>
internal sealed class LegacyTolerantEventConverter : JsonConverter<ExceptionQueueEvent>
{
    private const string Discriminator = "$type";

    public override ExceptionQueueEvent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var type = document.RootElement.TryGetProperty(Discriminator, out var value) ? value.GetString() : "raised";
        return type switch
        {
            "raised" => document.Deserialize<ExceptionRaised>(ParityJournal.DefaultJsonOptions),
            "status-changed" => document.Deserialize<ExceptionStatusChanged>(ParityJournal.DefaultJsonOptions),
            _ => throw new JsonException($"Unknown exception queue event '{type}'."),
        };
    }

    public override void Write(Utf8JsonWriter writer, ExceptionQueueEvent value, JsonSerializerOptions options)
    {
        var (type, element) = value switch
        {
            ExceptionRaised raised => ("raised", JsonSerializer.SerializeToElement(raised, ParityJournal.DefaultJsonOptions)),
            ExceptionStatusChanged changed => ("status-changed", JsonSerializer.SerializeToElement(changed, ParityJournal.DefaultJsonOptions)),
            _ => throw new JsonException($"Unknown exception queue event {value.GetType().Name}."),
        };
        writer.WriteStartObject();
        writer.WriteString(Discriminator, type);
        foreach (var property in element.EnumerateObject())
        {
            property.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
