using Microsoft.Extensions.Configuration;
using JuniperFts.Ingest.Tests.Ingest;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Host.Tests.Ingest;

public class ReferenceConfigurationTests
{
    [Fact]
    public void Ingest_ConfiguredSkuCentreAndEmbargo_AreUsedByTheRules()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop()
            .Add("contracts", "C2,A1,S1,SVC-NEW-BD,MANILA,2025-01-01,2026-12-31,PHP,false")
            .Add("accounts", "A2,Havana Cable Co,CU,", "A3,Crown Ltd,gb,");
        var settings = new Dictionary<string, string?>
        {
            ["Reference:Skus:SVC-NEW-BD:window"] = "8x5",
            ["Reference:Skus:SVC-NEW-BD:priorities:0"] = "P1",
            ["Reference:Centres:MANILA:region"] = "APAC",
            ["Reference:Centres:MANILA:calendar:time_zone"] = "Asia/Manila",
            ["Reference:Centres:MANILA:calendar:hours:mon:0"] = "08:00-17:00",
            // Replaces the built-in list: CU is no longer embargoed, and (for the test) XX is.
            ["Reference:Embargo:0"] = "XX",
            ["Reference:Embargo:1"] = "gb",
        };

        var run = Fts.Run(settings, "ingest", drop.Write(), "--db", temp.DatabasePath);

        Assert.Equal(0, run.Exit);
        Assert.Equal(1, temp.Scalar<long>("SELECT count(*) FROM contracts WHERE sku = 'SVC-NEW-BD' AND support_center = 'MANILA'"));
        Assert.Equal(1, temp.Scalar<long>("SELECT count(*) FROM accounts WHERE account_id = 'A2'"));
        // GB is embargoed now.
        Assert.Equal("embargoed_country", temp.Scalar<string>("SELECT reason FROM quarantine WHERE file = 'accounts.csv' AND raw LIKE 'A3,%'"));
    }

    [Theory]
    [InlineData("Reference:Centres:MANILA:calendar:time_zone", "Asia/Nowhere", "Reference:Centres:MANILA:calendar:time_zone: 'Asia/Nowhere' is not an IANA time zone")]
    [InlineData("Reference:Centres:MANILA:calendar:hours:mon:0", "09:00-25:00", "Reference:Centres:MANILA:calendar:hours:mon:0: '09:00-25:00' is not an interval with 00:00 <= start < end <= 24:00")]
    [InlineData("Reference:Centres:MANILA:calendar:overrides:2026-02-30:0", "09:00-12:00", "Reference:Centres:MANILA:calendar:overrides:2026-02-30: '2026-02-30' is not a date (expected yyyy-MM-dd, e.g. 2026-03-31)")]
    [InlineData("Reference:Skus:X:window", "9x5", "Reference:Skus:X:window: '9x5' is not a service window (8x5 or 24x7)")]
    [InlineData("Reference:TargetMinutes:P1", "-5", "Reference:TargetMinutes:P1: '-5' is not a whole number from 1 to 35791394 (minutes)")]
    [InlineData("Reference:Embargo:0", "Cuba", "Reference:Embargo:0: 'Cuba' is not an ISO 3166-1 alpha-2 country code")]
    public void Ingest_BadReferenceConfiguration_OneLineNamingTheKey(string key, string value, string message)
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();
        var settings = new Dictionary<string, string?>();
        if (key.Contains("MANILA"))
        {
            settings["Reference:Centres:MANILA:region"] = "APAC";
            settings["Reference:Centres:MANILA:calendar:time_zone"] = "Asia/Manila";
            settings["Reference:Centres:MANILA:calendar:hours:mon:0"] = "09:00-17:00";
        }
        settings[key] = value;

        var run = Fts.Run(settings, "ingest", drop.Write(), "--db", temp.DatabasePath);

        Assert.Equal((2, "fts: " + message + "\n"), (run.Exit, run.Error.Replace("\r\n", "\n")));
        Assert.Equal(0, temp.Scalar<long>("SELECT count(*) FROM ingest_batches"));
    }

    [Fact]
    public void Load_TargetOverride_ReplacesOnlyThatPriority()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reference:TargetMinutes:P3"] = "90" }).Build();

        var reference = JuniperFts.Host.Settings.ReferenceDataConfiguration.Load(configuration);

        Assert.Equal((900, 1800, 5400, 14400), (reference.TargetSeconds[Domain.Reference.Priority.P1], reference.TargetSeconds[Domain.Reference.Priority.P2],
            reference.TargetSeconds[Domain.Reference.Priority.P3], reference.TargetSeconds[Domain.Reference.Priority.P4]));
        Assert.Equal(5, reference.EmbargoedCountries.Count);
    }
}
