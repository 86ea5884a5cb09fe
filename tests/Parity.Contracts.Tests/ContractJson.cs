using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parity.Providers.Journal;

namespace Parity.Contracts.Tests;

/// <summary>
/// A structural description of a contract value, for comparing a deserialized value with its sample: records holding
/// lists have no value equality, so both sides are written as JSON with the settings Parity stores and sends JSON with.
/// Exceptions are described by type, message, <see cref="Exception.Data"/> and their own public properties.
/// </summary>
internal static class ContractJson
{
    /// <summary>The description of <paramref name="value"/>.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        Exception exception => DescribeException(exception).ToJsonString(),
        _ => JsonSerializer.Serialize(value, value.GetType(), ParityJournal.DefaultJsonOptions),
    };

    private static JsonObject DescribeException(Exception exception)
    {
        var data = new JsonObject();
        foreach (DictionaryEntry entry in exception.Data)
        {
            data[entry.Key.ToString()!] = JsonSerializer.SerializeToNode(entry.Value, ParityJournal.DefaultJsonOptions);
        }

        var description = new JsonObject
        {
            ["$type"] = exception.GetType().FullName,
            ["message"] = exception.Message,
            ["data"] = data,
        };

        // The exception's own state: public properties declared below System.Exception.
        for (var type = exception.GetType(); type != typeof(Exception) && type is not null; type = type.BaseType)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                description[property.Name] = JsonSerializer.SerializeToNode(property.GetValue(exception), property.PropertyType, ParityJournal.DefaultJsonOptions);
            }
        }

        return description;
    }
}
