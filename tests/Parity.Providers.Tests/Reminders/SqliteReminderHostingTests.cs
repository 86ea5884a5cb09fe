using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Parity.Providers.Reminders;

namespace Parity.Providers.Tests.Reminders;

public sealed class SqliteReminderHostingTests
{
    [Fact]
    public void UseSqliteReminderService_CalledTwice_RegistersOneTableAndAppliesBothConfigurations()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .UseSqliteReminderService(options => options.ConnectionString = "Data Source=/tmp/parity-first.db")
            .UseSqliteReminderService(options => options.BusyTimeout = TimeSpan.FromSeconds(2)));
        using var host = builder.Build();

        var tables = host.Services.GetServices<IReminderTable>().ToList();
        Assert.IsType<SqliteReminderTable>(Assert.Single(tables));
        Assert.Single(host.Services.GetServices<IValidateOptions<SqliteReminderTableOptions>>().OfType<SqliteReminderTableOptionsValidator>());
        var options = host.Services.GetRequiredService<IOptions<SqliteReminderTableOptions>>().Value;
        Assert.Equal(("Data Source=/tmp/parity-first.db", TimeSpan.FromSeconds(2), true), (options.ConnectionString, options.BusyTimeout, options.UseWriteAheadLog));
    }

    [Fact]
    public async Task HostStart_InvalidOptions_FailsBeforeTheSiloStarts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .UseSqliteReminderService(options =>
            {
                options.ConnectionString = "Data Source=:memory:";
                options.BusyTimeout = TimeSpan.Zero;
            }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.Contains("must name a database file", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("BusyTimeout", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", 5, "is required")]
    [InlineData("Data Source=x.db;Mode=Memory", 5, "must name a database file")]
    [InlineData("Data Source=x.db;Mode=ReadOnly", 5, "read-only")]
    [InlineData("Data Source=x.db;No Such Keyword=1", 5, "not a valid SQLite connection string")]
    [InlineData("Data Source=x.db", 0, "BusyTimeout")]
    [InlineData("Data Source=x.db", 301, "BusyTimeout")]
    public void Validator_RefusesSettingsTheTableCannotHonour(string connectionString, int busyTimeoutSeconds, string expected)
    {
        var result = new SqliteReminderTableOptionsValidator().Validate(null, new SqliteReminderTableOptions
        {
            ConnectionString = connectionString,
            BusyTimeout = TimeSpan.FromSeconds(busyTimeoutSeconds),
        });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_AcceptsAFileWithTheDefaults()
    {
        var options = new SqliteReminderTableOptions { ConnectionString = "Data Source=/var/lib/parity/parity.db" };

        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.True(options.UseWriteAheadLog);
        Assert.True(new SqliteReminderTableOptionsValidator().Validate(null, options).Succeeded);
    }
}
