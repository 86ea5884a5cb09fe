using System.Globalization;
using System.Text;
using Parity.Gateway.Errors;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Validation;

/// <summary>
/// Checks one request's fields and collects every error by field name, then asks the <see cref="ICatalogCheck"/>
/// about the SKUs and locations it names. Endpoints call a grain only when <see cref="CheckAsync"/> found nothing,
/// so a refused request changes nothing.
/// </summary>
public sealed class RequestValidator
{
    /// <summary>Most entries of an order's metadata.</summary>
    public const int MaxMetadataEntries = 64;

    /// <summary>Longest metadata key.</summary>
    public const int MaxMetadataKeyLength = 64;

    /// <summary>Longest metadata value.</summary>
    public const int MaxMetadataValueLength = 1024;

    /// <summary>Most UTF-8 bytes of an order's metadata, keys and values together.</summary>
    public const int MaxMetadataBytes = 16 * 1024;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<(PositionKey Position, string SkuField, string LocationField)> _references = [];

    /// <summary>Whether no field error was found so far.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Records an error for <paramref name="field"/>.</summary>
    public void Fail(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>A required identifier (event id, reservation id, reference).</summary>
    public string Id(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            Fail(field, $"'{field}' is required.");
        }
        else if (!Identifiers.IsValid(value))
        {
            Fail(field, $"'{field}' must be {Identifiers.Rule}.");
        }

        return value ?? "";
    }

    /// <summary>A channel id (<see cref="ChannelIds.Rule"/>): never contains ':', so an order id splits unambiguously.</summary>
    public string ChannelId(string? value, string field)
    {
        if (!ChannelIds.IsValid(value))
        {
            Fail(field, $"'{field}' must be {ChannelIds.Rule}; '{value}' was sent.");
        }

        return value ?? "";
    }

    /// <summary>An optional identifier: null stays null.</summary>
    public string? OptionalId(string? value, string field) => value is null ? null : Id(value, field);

    /// <summary>A reference another system made up (order, purchase order, shipment, reservation id): 1 to
    /// <paramref name="maxLength"/> characters without control characters.</summary>
    public string? Reference(string? value, string field, bool required = true, int maxLength = 128)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Fail(field, $"'{field}' is required.");
            }

            return value;
        }

        if (value.Length > maxLength || value.Any(char.IsControl) || string.IsNullOrWhiteSpace(value))
        {
            Fail(field, $"'{field}' must be 1 to {maxLength} characters without control characters.");
        }

        return value;
    }

    /// <summary>Optional free text (a reason), at most <paramref name="maxLength"/> characters.</summary>
    public string? Text(string? value, string field, int maxLength = 500)
    {
        if (value is not null && value.Length > maxLength)
        {
            Fail(field, $"'{field}' must be at most {maxLength} characters.");
        }

        return value;
    }

    /// <summary>A required quantity above zero and at most <paramref name="max"/> (one line's bound,
    /// <see cref="Limits.MaxLineQuantity"/>, unless said otherwise).</summary>
    public int Positive(int? value, string field, int max = Limits.MaxLineQuantity)
    {
        if (value is null)
        {
            Fail(field, $"'{field}' is required.");
        }
        else if (value <= 0)
        {
            Fail(field, $"'{field}' must be a whole number greater than zero; {value} was sent.");
        }
        else if (value > max)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' may be at most {max:N0}; {value} was sent."));
        }

        return value.GetValueOrDefault();
    }

    /// <summary>A required quantity of zero or more (a cycle count may find nothing), at most <paramref name="max"/>.</summary>
    public int NonNegative(int? value, string field, int max = Limits.MaxLineQuantity)
    {
        if (value is null)
        {
            Fail(field, $"'{field}' is required.");
        }
        else if (value < 0)
        {
            Fail(field, $"'{field}' must not be negative; {value} was sent.");
        }
        else if (value > max)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' may be at most {max:N0}; {value} was sent."));
        }

        return value.GetValueOrDefault();
    }

    /// <summary>A required ISO 4217 code Parity accepts (<see cref="Limits.Currencies"/>).</summary>
    public string Currency(string? value, string field)
    {
        if (!Limits.IsCurrency(value))
        {
            Fail(field, $"'{field}' must be an ISO 4217 currency code Parity accepts, such as EUR, USD or JPY; '{value}' was sent.");
        }

        return value ?? "";
    }

    /// <summary>A money figure: required or not, never negative unless <paramref name="allowNegative"/>, within
    /// <see cref="Limits.MaxAmount"/> and with no more decimals than <paramref name="currency"/> has (plus
    /// <paramref name="extraDecimals"/> for unit prices).</summary>
    public decimal Money(decimal? value, string field, string? currency, bool required = true, bool allowNegative = false, int extraDecimals = 0)
    {
        if (value is null)
        {
            if (required)
            {
                Fail(field, $"'{field}' is required.");
            }

            return 0m;
        }

        if (!allowNegative && value < 0)
        {
            Fail(field, $"'{field}' must not be negative; {value.Value.ToString(CultureInfo.InvariantCulture)} was sent.");
        }
        else if (Limits.AmountProblem(value.Value, field, currency, extraDecimals) is { } problem)
        {
            Fail(field, problem);
        }

        return value.Value;
    }

    /// <summary>Channel metadata kept on an order: at most <see cref="MaxMetadataEntries"/> entries, keys of 1 to
    /// <see cref="MaxMetadataKeyLength"/> characters, values of at most <see cref="MaxMetadataValueLength"/>, and at
    /// most <see cref="MaxMetadataBytes"/> bytes of UTF-8 in all, without control characters.</summary>
    public void Metadata(IReadOnlyDictionary<string, string>? metadata, string field)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > MaxMetadataEntries)
        {
            Fail(field, $"'{field}' may hold at most {MaxMetadataEntries} entries; {metadata.Count} were sent.");
            return;
        }

        var bytes = 0;
        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > MaxMetadataKeyLength || key.Any(char.IsControl))
            {
                Fail(field, $"Every key of '{field}' must be 1 to {MaxMetadataKeyLength} characters without control characters.");
            }
            else if (value is null || value.Length > MaxMetadataValueLength)
            {
                Fail($"{field}.{key}", $"'{field}.{key}' must be a text of at most {MaxMetadataValueLength} characters.");
            }

            bytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? "");
        }

        if (bytes > MaxMetadataBytes)
        {
            Fail(field, $"'{field}' may hold at most {MaxMetadataBytes} bytes of keys and values; {bytes} were sent.");
        }
    }

    /// <summary>A required enum value.</summary>
    public TEnum Required<TEnum>(TEnum? value, string field) where TEnum : struct, Enum
    {
        if (value is null)
        {
            Fail(field, $"'{field}' is required: one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
        else if (!Enum.IsDefined(value.Value))
        {
            Fail(field, $"'{field}' must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }

        return value.GetValueOrDefault();
    }

    /// <summary>A position written <c>SKU@LOCATION</c> (a route value); checked against the catalog later.</summary>
    public PositionKey Position(string? value, string field)
    {
        var at = value?.LastIndexOf('@') ?? -1;
        if (value is null || at <= 0 || at == value.Length - 1)
        {
            Fail(field, $"'{field}' must be written SKU@LOCATION, e.g. SKU-123@STORE-042; '{value}' was sent.");
            return default;
        }

        return Position(value[..at], value[(at + 1)..], field, field);
    }

    /// <summary>A position from separate SKU and location fields; checked against the catalog later.</summary>
    public PositionKey Position(string? sku, string? locationId, string skuField, string locationField)
    {
        var skuValid = CheckReference(sku, skuField, "SKU");
        var locationValid = CheckReference(locationId, locationField, "location");
        if (!skuValid || !locationValid)
        {
            return default;
        }

        var position = new PositionKey(sku!, locationId!);
        _references.Add((position, skuField, locationField));
        return position;
    }

    /// <summary>A SKU alone (availability); checked against the catalog later.</summary>
    public string Sku(string? sku, string field)
    {
        if (CheckReference(sku, field, "SKU"))
        {
            _references.Add((new PositionKey(sku!, ""), field, ""));
        }

        return sku ?? "";
    }

    /// <summary>A location alone (location policy); checked against the catalog later.</summary>
    public string Location(string? locationId, string field)
    {
        if (CheckReference(locationId, field, "location"))
        {
            _references.Add((new PositionKey("", locationId!), "", field));
        }

        return locationId ?? "";
    }

    /// <summary>The answer for a request that failed, or null when it may go ahead: 422 with every field error, or
    /// 422 naming what the catalog does not know.</summary>
    public async ValueTask<IResult?> CheckAsync(HttpContext context, ICatalogCheck catalog)
    {
        if (!IsValid)
        {
            return Problem(context, ProblemType.ValidationFailed);
        }

        if (_references.Count == 0)
        {
            return null;
        }

        // One reference is the common case (a single-line reserve): no need to build a distinct set for it.
        IReadOnlyCollection<PositionKey> positions = _references.Count == 1
            ? [_references[0].Position]
            : _references.Select(r => r.Position).Distinct().ToList();
        var verdict = await catalog.CheckAsync(positions, context.RequestAborted);
        if (verdict.IsAllKnown)
        {
            return null;
        }

        foreach (var (position, skuField, locationField) in _references)
        {
            if (skuField.Length > 0 && verdict.UnknownSkus.Contains(position.Sku))
            {
                Fail(skuField, $"SKU '{position.Sku}' is not in the catalog.");
            }

            if (locationField.Length > 0 && verdict.UnknownLocations.Contains(position.LocationId))
            {
                Fail(locationField, $"Location '{position.LocationId}' is not in the catalog.");
            }
        }

        return Problem(context, ProblemType.UnknownReference);
    }

    private bool CheckReference(string? value, string field, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            Fail(field, $"The {what} ('{field}') is required.");
            return false;
        }

        if (!Identifiers.IsValid(value))
        {
            Fail(field, $"The {what} '{value}' is malformed: it must be {Identifiers.Rule}.");
            return false;
        }

        return true;
    }

    private IResult Problem(HttpContext context, ProblemType type)
    {
        var messages = _errors.SelectMany(e => e.Value).ToList();
        var detail = messages.Count == 1 ? messages[0] : $"{messages.Count} problems: {string.Join(" ", messages.Take(5))}";
        var errors = _errors.ToDictionary(e => e.Key, e => (object?)e.Value.ToArray(), StringComparer.Ordinal);
        return GatewayProblem.Result(context, type, detail, [new("errors", errors)]);
    }
}
