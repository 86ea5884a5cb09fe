using Parity.Erp.Tests.Testing;
using Parity.ErpSandbox;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Posting;
using static Parity.Erp.Tests.Testing.Facts;

namespace Parity.Erp.Tests.Erp;

public sealed class HttpErpConnectorTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private HttpErpConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync();
        _connector = new HttpErpConnector(new HttpClient { BaseAddress = _sandbox.Address });
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private static ErpJournal Journal(string? revenueAccount = null, DateOnly? date = null)
    {
        var journal = Assert.IsType<JournalBuilt>(new PostingRules(PostingRulesOptions.CreateDefault()).Build(SaleShipped("LE-1"))).Journal;
        return journal with
        {
            PostingDate = date ?? journal.PostingDate,
            Lines = journal.Lines.Select(l => l.Account == "4000" && revenueAccount is not null ? l with { Account = revenueAccount } : l).ToList(),
        };
    }

    [Fact]
    public async Task Post_ThenSameExternalIdAgain_IsPostedThenDuplicateOfTheSameDocument()
    {
        var journal = Journal();

        var posted = Assert.IsType<ErpPosted>(await _connector.PostAsync(journal, default));
        var again = Assert.IsType<ErpDuplicate>(await _connector.PostAsync(journal, default));

        Assert.Equal(posted.DocumentId, again.ExistingDocumentId);
        Assert.Equal((1L, 1L, 2L), ((await _sandbox.CountsAsync()).Posted, (await _sandbox.CountsAsync()).Duplicates, (await _sandbox.CountsAsync()).Received));
        var document = Assert.Single(await _sandbox.DocumentsAsync());
        Assert.Equal(journal.JournalKey, document.Journal.ExternalId);
        Assert.Equal(journal.TotalDebit, document.Journal.Lines!.Sum(l => l.Debit));
    }

    [Fact]
    public async Task UnknownAccount_IsRejectedWithItsCategory()
    {
        var rejected = Assert.IsType<ErpRejected>(await _connector.PostAsync(Journal(revenueAccount: "4999"), default));

        Assert.Equal("UnknownAccount", rejected.Category);
        Assert.Contains("4999", rejected.Message);
    }

    [Fact]
    public async Task ClosedPeriod_IsRejectedAsPeriodClosed()
    {
        await _sandbox.ApplyAsync(new SandboxSettings(null, null, null, new DateOnly(2026, 11, 30)));

        var rejected = Assert.IsType<ErpRejected>(await _connector.PostAsync(Journal(date: new DateOnly(2026, 11, 30)), default));

        Assert.Equal("PeriodClosed", rejected.Category);
        Assert.IsType<ErpPosted>(await _connector.PostAsync(Journal(date: new DateOnly(2026, 12, 1)), default));
    }

    [Fact]
    public async Task Outage_IsTransientWithRetryAfter()
    {
        await _sandbox.StartOutageAsync(TimeSpan.FromSeconds(30));

        var transient = Assert.IsType<ErpTransient>(await _connector.PostAsync(Journal(), default));

        Assert.False(transient.Throttled);
        Assert.Equal(TimeSpan.FromSeconds(1), transient.RetryAfter);
        Assert.Equal((1L, 0L), ((await _sandbox.CountsAsync()).Unavailable, (await _sandbox.CountsAsync()).Posted));
    }

    [Fact]
    public async Task RateLimit_IsThrottledTransientWithRetryAfter()
    {
        await _sandbox.ApplyAsync(new SandboxSettings(null, 0.5, 1, null));

        Assert.IsType<ErpPosted>(await _connector.PostAsync(Journal(), default));
        var throttled = Assert.IsType<ErpTransient>(await _connector.PostAsync(Journal(), default));

        Assert.True(throttled.Throttled);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.RetryAfter);
    }

    [Fact]
    public async Task NobodyListening_IsTransient()
    {
        var address = _sandbox.Address;
        await _sandbox.DisposeAsync();
        _sandbox = await SandboxServer.StartAsync();

        var transient = Assert.IsType<ErpTransient>(await new HttpErpConnector(new HttpClient { BaseAddress = address }).PostAsync(Journal(), default));
        Assert.Contains("did not answer", transient.Message);
    }
}
