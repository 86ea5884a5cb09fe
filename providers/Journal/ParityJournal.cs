using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parity.Providers.Journal;

/// <summary>
/// Names and defaults of the Parity journal. A journaled grain uses it with
/// <c>[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]</c> on a
/// <c>JournaledGrain&lt;TState, TEvent&gt;</c>, once the silo called <c>AddParityJournal</c> (or
/// <c>AddParityMemoryJournal</c>).
/// </summary>
public static class ParityJournal
{
    /// <summary>
    /// The name of the log-consistency provider, and the service key of its <see cref="IJournalStorage"/> and of an
    /// optional journal-specific <see cref="TimeProvider"/>.
    /// </summary>
    public const string ProviderName = "ParityJournal";

    /// <summary>The meter of the journal's writer (appends, events, statements, batches), for OpenTelemetry.</summary>
    public const string MeterName = "Parity.Journal";

    /// <summary>
    /// The default JSON settings for events and snapshots: Web defaults (camelCase, case-insensitive reads), enums as
    /// strings, and unknown members skipped on read, so adding a member to an event or state stays compatible both ways.
    /// </summary>
    public static JsonSerializerOptions DefaultJsonOptions { get; } = CreateDefaultJsonOptions();

    private static JsonSerializerOptions CreateDefaultJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
