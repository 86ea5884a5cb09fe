using System.Reflection;
using System.Text.RegularExpressions;

namespace Parity.Gateway.Errors;

/// <summary>Says in plain words what a JSON field of a request body must hold (a whole number, text, one of the
/// listed values), found by walking the body type along the field's path.</summary>
internal static partial class JsonFieldTypes
{
    public static string? Describe(Type? bodyType, string field)
    {
        var type = bodyType;
        foreach (Match segment in Segment().Matches(field))
        {
            if (type is null)
            {
                return null;
            }

            type = segment.Groups["index"].Success ? ElementType(type) : MemberType(type, segment.Groups["name"].Value);
        }

        return type is null ? null : Words(type);
    }

    private static Type? MemberType(Type type, string name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (DictionaryValue(type) is { } value)
        {
            return value;
        }

        return type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? element
        : null;

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [_, var value]
        && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            ? value
            : null;

    private static string Words(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) => "a number",
            _ when type == typeof(string) => "text",
            _ when type == typeof(bool) => "true or false",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when DictionaryValue(type) is not null => "an object",
            _ when ElementType(type) is not null => "an array",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]|\['(?<name>[^']*)'\]")]
    private static partial Regex Segment();
}
