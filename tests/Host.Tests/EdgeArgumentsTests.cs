using System.CommandLine;
using System.Net;
using JuniperFts.Host.Cli;
using JuniperFts.Host.Tests.Web;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests;

/// <summary>
/// Every command-line option and every query parameter with values at and past the edges: each is
/// either accepted or refused in one line (exit 2, HTTP 400) naming it; never a stack trace or a 500.
/// </summary>
public class EdgeArgumentsTests(SeededPortal seeded) : IClassFixture<SeededPortal>
{
    public static readonly string[] EdgeValues =
    [
        "", " ", "abc", "-1", "0", "1e3", "99999999999999999999", "0000Q1", "0001Q1", "9999Q4", "2026Q5", "2026q3",
        "0000-01-01", "0001-01-01", "9999-12-31", "2026-02-30", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "2026-13-01T00:00:00Z", "2026-01-01T00:00:00+25:00", "%00", new string('9', 400),
    ];

    // Options naming files, folders or addresses take any text; their mistakes are covered by each feature's tests.
    private static readonly HashSet<string> PathOptions = ["--db", "--out", "--data", "--chart", "--calendar", "--urls", "--help", "--version"];

    /// <summary>Commands that would start the service or write a large folder when handed a valid value.</summary>
    private static readonly HashSet<string> LongRunning = ["serve", "run", "sample"];

    private static IEnumerable<(string[] Path, Option Option)> Leaves(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
            foreach (var leaf in Leaves(sub, [.. path, sub.Name])) yield return leaf;
        if (command.Subcommands.Count > 0) yield break;
        foreach (var option in command.Options.Where(o => !PathOptions.Contains(o.Name) && o is not System.CommandLine.Help.HelpOption))
            yield return (path, option);
    }

    [Fact]
    public async Task Cli_EveryOptionWithEdgeValues_OneLineOrSuccessNeverAStackTrace()
    {
        using var temp = new TempWarehouse();
        var tree = CommandCatalog.Create(TestCli.Context(TextWriter.Null, TextWriter.Null, new FakeClock(Instant.FromUtc(2026, 11, 1, 0, 0))));
        var leaves = tree.SelectMany(c => Leaves(c, [c.Name])).ToList();
        Assert.Contains(leaves, l => l.Option.Name == "--batch");
        Assert.Contains(leaves, l => l.Option.Name == "--quarter");

        foreach (var (path, option) in leaves)
        {
            if (option is Option<bool>) continue;
            foreach (var value in EdgeValues)
            {
                if (LongRunning.Contains(path[0]) && option.Name != "--as-of" && option.Name != "--cases" && option.Name != "--seed") continue;
                string[] args = [.. path, option.Name, value, "--db", temp.DatabasePath];
                var output = new StringWriter();
                var error = new StringWriter();
                var context = TestCli.Context(output, error, new FakeClock(Instant.FromUtc(2026, 11, 1, 0, 0)));
                int exit;
                try
                {
                    exit = await FtsCli.RunAsync(args, context);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"fts {string.Join(' ', args)} threw {e.GetType().Name}: {e.Message}");
                }
                var said = error.ToString();
                Assert.True(exit is 0 or 1 or 2, $"fts {string.Join(' ', args)} exited {exit}: {said}");
                Assert.DoesNotContain("   at ", said);
                if (exit == 2) Assert.True(said.StartsWith("fts: ", StringComparison.Ordinal) && said.TrimEnd('\n').Split('\n').Length == 1,
                    $"fts {string.Join(' ', args)}: {said}");
            }
        }
    }

    public static TheoryData<string> Endpoints => new()
    {
        "/api/sla/summary?quarter={0}",
        "/api/sla/summary?quarter=2026Q3&by={0}",
        "/api/reports/sla.xlsx?quarter={0}",
        "/api/accounts/{0}/review-pack.pdf",
        "/api/accounts/A0001/review-pack.pdf?quarter={0}",
        "/api/trueup?due={0}",
        "/api/trueup/{0}/1.pdf",
        "/api/trueup/C-1001/{0}.pdf",
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Api_EveryParameterWithEdgeValues_400NamingItOrAnAnswerNeverA500(string template)
    {
        var client = seeded.Portal.As(PortalFactory.LeadershipToken);
        var parameter = template.Contains("quarter={0}") ? "quarter" : template.Contains("by={0}") ? "by" : template.Contains("due={0}") ? "due"
            : template.Contains("{0}.pdf") ? "year" : null;

        foreach (var value in EdgeValues.Where(v => v.Trim().Length > 0 || parameter is not null))
        {
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Uri.EscapeDataString(value));
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode} {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest && parameter is not null)
                Assert.Contains($"{parameter}: ", body);
        }
    }
}
