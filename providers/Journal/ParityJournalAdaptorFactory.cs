using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.Runtime;
using Orleans.Storage;

namespace Parity.Providers.Journal;

/// <summary>
/// The log-consistency provider <see cref="ParityJournal.ProviderName"/>: installs a <see cref="ParityJournalAdaptor{TLogView, TLogEntry}"/>
/// in each journaled grain activation, over the silo's journal storage and clock.
/// </summary>
internal sealed class ParityJournalAdaptorFactory : ILogViewAdaptorFactory
{
    private readonly IJournalStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ParityJournalOptions _options;
    private readonly IGrainContextAccessor _contextAccessor;
    private readonly ILogger _logger;

    public ParityJournalAdaptorFactory(IServiceProvider services, IOptions<ParityJournalOptions> options, IGrainContextAccessor contextAccessor, ILoggerFactory loggerFactory)
    {
        _storage = services.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

        // A journal-only clock first, so tests can fake event times without faking the silo's own clock.
        _clock = services.GetKeyedService<TimeProvider>(ParityJournal.ProviderName) ?? services.GetService<TimeProvider>() ?? TimeProvider.System;
        _options = options.Value;
        _contextAccessor = contextAccessor;
        _logger = loggerFactory.CreateLogger("Parity.Providers.Journal.ParityJournalAdaptor");
    }

    public bool UsesStorageProvider => false;

    public ILogViewAdaptor<TLogView, TLogEntry> MakeLogViewAdaptor<TLogView, TLogEntry>(
        ILogViewAdaptorHost<TLogView, TLogEntry> hostGrain,
        TLogView initialState,
        string grainTypeName,
        IGrainStorage? grainStorage,
        ILogConsistencyProtocolServices services)
        where TLogView : class, new()
        where TLogEntry : class
    {
        var grainContext = (hostGrain as IGrainBase)?.GrainContext ?? _contextAccessor.GrainContext
            ?? throw new InvalidOperationException($"{grainTypeName} is not a grain: the Parity journal serves journaled grains only.");
        return new ParityJournalAdaptor<TLogView, TLogEntry>(
            hostGrain,
            initialState,
            grainContext.GrainId,
            reason => grainContext.Deactivate(reason),
            _storage,
            _clock,
            _options.JsonOptions,
            _options.SnapshotInterval,
            _logger,
            appendAtConfirm: hostGrain.GetType().IsDefined(typeof(JournalAppendsAtConfirmAttribute), inherit: true));
    }
}
