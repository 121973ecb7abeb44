using JuniperFts.Domain;
using JuniperFts.Host.Cli;
using JuniperFts.Scheduling;
using JuniperFts.Host.Settings;
using JuniperFts.Host.Web;
using JuniperFts.Store.Tests.Support;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Service;

public class ServiceConfigurationTests : IDisposable
{
    private readonly TempWarehouse _store = new();

    private Dictionary<string, string?> Valid() => new()
    {
        ["Service:DropFolder"] = _store.PathOf("drop"),
        ["Service:OutFolder"] = _store.PathOf("out"),
        ["Portal:Users:0:Name"] = "Lee Chen",
        ["Portal:Users:0:Email"] = "lee@vendor.example",
        ["Portal:Users:0:Role"] = "leadership",
        ["Portal:Users:0:TokenSha256"] = PortalUsers.HashOf("lee-token"),
    };

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>Runs <c>fts serve</c> in-process with <paramref name="settings"/>; a bad setting must stop it before it listens.</summary>
    private async Task<(int Exit, string Error)> Serve(Dictionary<string, string?> settings)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await FtsCli.RunAsync(["serve", "--db", _store.DatabasePath, "--urls", "http://127.0.0.1:0"],
            TestCli.Context(output, error, new FakeClock(Instant.FromUtc(2026, 11, 25, 8, 0)), settings));
        return (exit, error.ToString());
    }

    [Fact]
    public void Load_Defaults_WebMdSchedulesInUtc()
    {
        var settings = ServiceSection.Bind(Config(Valid()));
        Assert.Equal(["0 1 * * *", "0 2 * * *", "0 3 * * *", "0 4 * * 1", "0 6 * * 1-5"], settings.Plans.Select(p => p.Cron.Expression));
        Assert.Equal(DateTimeZone.Utc.Id, settings.Zone.Id);
        Assert.Equal(3, settings.MaxAttempts);
    }

    [Fact]
    public void Load_Calendar_ReviewPacksWaitForItsFirstOpenDay()
    {
        // A service calendar in the centres' shape, open Tuesday to Friday; Service:Holidays add to it.
        var values = Valid();
        values["Service:Calendar:time_zone"] = "Europe/Amsterdam";
        foreach (var day in new[] { "tue", "wed", "thu", "fri" }) values[$"Service:Calendar:hours:{day}:0"] = "09:00-17:00";
        values["Service:Holidays:0"] = "2026-10-01";
        values["Service:Holidays:1"] = "2026-10-02";
        var settings = ServiceSection.Bind(Config(values));

        var due = settings.Calendar.QuarterDueAt(settings.Plan(JobNames.ReviewPacks), new Domain.Reference.Quarter(2026, 3));
        // Thursday 1 and Friday 2 October are holidays, Saturday to Monday are closed: Tuesday 6 October at 06:00 (UTC).
        Assert.Equal(Instant.FromUtc(2026, 10, 6, 6, 0), due);
    }

    [Fact]
    public void Load_CalendarWithoutZone_OneLineNamingTheKey()
    {
        var values = Valid();
        values["Service:Calendar:hours:mon:0"] = "09:00-17:00";
        var e = Assert.Throws<UserError>(() => ServiceSection.Bind(Config(values)));
        Assert.StartsWith("Service:Calendar:time_zone: ", e.Message);
    }

    [Fact]
    public void Load_MissingDropFolder_Created()
    {
        var values = Valid();
        values["Service:DropFolder"] = _store.PathOf("new/nested/drop");
        var settings = ServiceSection.Bind(Config(values));
        Assert.True(Directory.Exists(settings.DropFolder));
    }

    [Fact]
    public async Task Serve_BadCronString_OneLineAndExit2()
    {
        var values = Valid();
        values["Service:Schedules:review-packs"] = "0 6 * * MON-FRI";
        var (exit, error) = await Serve(values);
        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("fts: Service:Schedules:review-packs: '0 6 * * MON-FRI': the day of week field 'MON-FRI' is not *, a number, a list, a range or a step within 0-6",
            error.TrimEnd());
    }

    [Fact]
    public async Task Serve_DropFolderCannotBeCreated_OneLineAndExit2()
    {
        // A file where a parent folder should be: the drop folder can never be created, whoever runs the test.
        File.WriteAllText(_store.PathOf("blocker"), "");
        var values = Valid();
        values["Service:DropFolder"] = _store.PathOf("blocker/drop");
        var (exit, error) = await Serve(values);
        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.StartsWith("fts: Service:DropFolder: cannot create or read the folder '", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Serve_NoUsers_OneLineAndExit2()
    {
        var values = Valid().Where(kv => !kv.Key.StartsWith("Portal:", StringComparison.Ordinal)).ToDictionary();
        var (exit, error) = await Serve(values);
        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.StartsWith("fts: Portal:Users: no users are configured", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("Portal:Users:0:TokenSha256", "abc123", "fts: Portal:Users:0:TokenSha256 is not 64 hexadecimal characters")]
    [InlineData("Portal:Users:0:Role", "admin", "fts: Portal:Users:0:Role: 'admin' is not leadership, service_manager or finance")]
    [InlineData("Service:TimeZone", "Europe/Amsterdm", "fts: Service:TimeZone: 'Europe/Amsterdm' is not an IANA time zone")]
    [InlineData("Service:Retries", "-1", "fts: Service:Retries: '-1' is not a whole number from 0 to 10")]
    [InlineData("Service:Schedules:ingest", "0 1 * *", "fts: Service:Schedules:ingest: '0 1 * *' has 4 fields")]
    [InlineData("Service:Schedules:reports", "0 1 * * *", "fts: Service:Schedules:reports: no such job")]
    [InlineData("Service:Holidays:0", "2027-13-01", "fts: Service:Holidays:0: '2027-13-01' is not a date")]
    public async Task Serve_BadSetting_OneLineNamingIt(string key, string value, string expected)
    {
        var values = Valid();
        values[key] = value;
        var (exit, error) = await Serve(values);
        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.StartsWith(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Serve_UrlsNotAnAddress_OneLineAndExit2()
    {
        var error = new StringWriter();
        var exit = await FtsCli.RunAsync(["serve", "--db", _store.DatabasePath, "--urls", "notaurl"],
            TestCli.Context(new StringWriter(), error, new FakeClock(Instant.FromUtc(2026, 11, 25, 8, 0)), Valid()));
        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("fts: --urls: 'notaurl' is not an http:// or https:// address (e.g. http://127.0.0.1:5080) (see fts --help)", error.ToString().TrimEnd());
    }

    [Fact]
    public void Load_SameTokenForTwoUsers_Refused()
    {
        var values = Valid();
        values["Portal:Users:1:Name"] = "Sam Ruiz";
        values["Portal:Users:1:Role"] = "finance";
        values["Portal:Users:1:TokenSha256"] = PortalUsers.HashOf("lee-token").ToUpperInvariant();
        var e = Assert.Throws<UserError>(() => PortalUsers.Load(Config(values)));
        Assert.Equal("Portal:Users:1:TokenSha256 is the same as another user's; give each user a token of their own", e.Message);
    }

    [Fact]
    public void Find_TokenOrItsHash_OnlyTheTokenSignsIn()
    {
        var users = PortalUsers.Load(Config(Valid()));
        Assert.Equal("Lee Chen", users.Find("lee-token")?.Name);
        Assert.Null(users.Find(PortalUsers.HashOf("lee-token")));
        Assert.Null(users.Find("lee-token "));
        Assert.Null(users.Find(""));
    }

    /// <summary>A valid <c>Portal:Oidc</c> section of web.md on top of <see cref="Valid"/>.</summary>
    private Dictionary<string, string?> WithOidc()
    {
        var values = Valid();
        values["Portal:Oidc:Authority"] = "https://login.vendor.example/realms/staff";
        values["Portal:Oidc:ClientId"] = "juniper-fts";
        values["Portal:Oidc:ClientSecret"] = "secret";
        values["Portal:Oidc:Roles:leadership:0"] = "fts-leadership";
        values["Portal:Oidc:Roles:finance"] = "fts-finance";
        return values;
    }

    [Theory]
    [InlineData("Portal:Oidc:ClientId", null, "fts: Portal:Oidc:ClientId is missing")]
    [InlineData("Portal:Oidc:ClientId", " ", "fts: Portal:Oidc:ClientId is missing")]
    [InlineData("Portal:Oidc:Authority", "http://login.vendor.example/realms/staff", "fts: Portal:Oidc:Authority: 'http://login.vendor.example/realms/staff' is not https; only a provider on this machine")]
    [InlineData("Portal:Oidc:Authority", null, "fts: Portal:Oidc:Authority: '' is not an https:// address")]
    [InlineData("Portal:Oidc:Roles:leadership:0", null, "fts: Portal:Oidc:Roles: no role is mapped")]
    [InlineData("Portal:Oidc:Roles:admin:0", "fts-admins", "fts: Portal:Oidc:Roles:admin: not a role")]
    [InlineData("Portal:Oidc:Scopes:0", "profile", "fts: Portal:Oidc:Scopes: must include openid")]
    [InlineData("Portal:Oidc:SessionHours", "0", "fts: Portal:Oidc:SessionHours: '0' is not a number of hours")]
    public async Task Serve_BadOidcSetting_OneLineNamingTheKey(string key, string? value, string expected)
    {
        var values = WithOidc();
        values.Remove("Portal:Oidc:Roles:finance");
        if (value is null) values.Remove(key); else values[key] = value;
        var (exit, error) = await Serve(values);
        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.StartsWith(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("http://localhost:8080/realms/staff")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://[::1]:8080")]
    public void Load_HttpAuthorityOnLoopback_Accepted(string authority)
    {
        var values = WithOidc();
        values["Portal:Oidc:Authority"] = authority;
        Assert.True(OidcSettings.Load(Config(values))!.IsLoopback);
    }

    [Fact]
    public void Load_OidcWithoutTokenUsers_DefaultsOfWebMd()
    {
        var values = WithOidc().Where(kv => !kv.Key.StartsWith("Portal:Users", StringComparison.Ordinal)).ToDictionary();
        var oidc = OidcSettings.Load(Config(values))!;
        Assert.Empty(PortalUsers.Load(Config(values), optional: true).All);
        Assert.Equal(["openid", "profile", "email"], oidc.Scopes);
        Assert.Equal(("name", "email", "groups"), (oidc.NameClaim, oidc.EmailClaim, oidc.RoleClaim));
        Assert.Equal(TimeSpan.FromHours(8), oidc.SessionLifetime);
        Assert.Null(OidcSettings.Load(Config(Valid())));
    }

    [Theory]
    [InlineData("fts-finance", "finance")]
    [InlineData("staff|fts-finance|fts-leadership", "leadership")] // the first of leadership, service_manager, finance
    [InlineData("[\"staff\",\"FTS-Leadership\"]", "leadership")] // a list sent as one JSON array value; case does not matter
    [InlineData("staff|[\"fts-managers\"]", "service_manager")]
    [InlineData("staff|[]|not-json[", null)]
    [InlineData("", null)]
    public void RoleOf_ClaimValues_FirstMappedRole(string values, string? expected)
    {
        var config = WithOidc();
        config["Portal:Oidc:Roles:service_manager:0"] = "fts-service-managers";
        config["Portal:Oidc:Roles:service_manager:1"] = "fts-managers";
        var oidc = OidcSettings.Load(Config(config))!;
        var role = oidc.RoleOf(values.Split('|', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(expected, role is { } r ? PortalUsers.Code(r) : null);
    }

    public void Dispose() => _store.Dispose();
}
