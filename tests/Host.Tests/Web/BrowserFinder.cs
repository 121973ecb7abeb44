using Microsoft.Playwright;

namespace JuniperFts.Host.Tests.Web;

/// <summary>
/// The browser the portal tests drive: the first of the places a developer's machine has one. Never downloads
/// one, never skips: when none is found the test fails with one line saying what to install.
/// </summary>
public static class BrowserFinder
{
    /// <summary>Environment variable naming a Chromium-based browser's executable; when set, only that one is used.</summary>
    public const string Variable = "FTS_BROWSER";

    /// <summary>Where Debian's <c>chromium</c> package puts the browser (what <c>./test.sh</c> installs).</summary>
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>Installed Google Chrome and Microsoft Edge, found by Playwright in their usual places on each OS.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["chrome", "msedge"];

    /// <summary>The one line a test fails with when no browser is found.</summary>
    public const string NothingFound =
        "no browser for the portal tests: run ./test.sh (installs Debian's chromium with apt-get), or install Chromium, Google Chrome " +
        $"or Microsoft Edge, or Playwright's Chromium (pwsh playwright.ps1 install chromium), or set {Variable} to a Chromium-based browser's executable";

    /// <summary>One place to look: an executable, or a Playwright channel (which Playwright resolves per OS).</summary>
    public sealed record Candidate(string Name, string? ExecutablePath = null, string? Channel = null);

    /// <summary>The places to try, in order: the explicit setting alone when given; else Playwright's own Chromium, the channels, Debian's chromium.</summary>
    /// <param name="playwrightChromium">Where Playwright's own Chromium is (or would be) installed.</param>
    public static IReadOnlyList<Candidate> Candidates(string? explicitPath, string playwrightChromium, Func<string, bool> exists)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return exists(explicitPath)
                ? [new Candidate($"{Variable}={explicitPath}", ExecutablePath: explicitPath)]
                : throw new InvalidOperationException($"{Variable}={explicitPath}: no such file; point it at a Chromium-based browser's executable, or unset it");
        var candidates = new List<Candidate>();
        if (exists(playwrightChromium)) candidates.Add(new Candidate("Playwright's Chromium", ExecutablePath: playwrightChromium));
        candidates.AddRange(Channels.Select(c => new Candidate($"the installed '{c}'", Channel: c)));
        if (exists(DebianChromium)) candidates.Add(new Candidate("Debian's chromium", ExecutablePath: DebianChromium));
        return candidates;
    }

    /// <summary>Launches the first candidate that is installed. A channel that is not installed is passed over; any other failure is the test's failure.</summary>
    public static async Task<IBrowser> LaunchFirstAsync(IReadOnlyList<Candidate> candidates, Func<Candidate, Task<IBrowser>> launch)
    {
        foreach (var candidate in candidates)
        {
            try
            {
                return await launch(candidate);
            }
            catch (PlaywrightException e) when (candidate.Channel is not null && NotInstalled(e))
            {
                // Chrome or Edge is simply not on this machine: look further.
            }
            catch (PlaywrightException e)
            {
                throw new InvalidOperationException($"{candidate.Name} was found but did not start: {e.Message.Split('\n')[0]}", e);
            }
        }
        throw new InvalidOperationException(NothingFound);
    }

    /// <summary>Launches the browser of this machine headless with <paramref name="args"/>.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, IReadOnlyList<string> args) =>
        LaunchFirstAsync(
            Candidates(Environment.GetEnvironmentVariable(Variable), playwright.Chromium.ExecutablePath, File.Exists),
            c => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = c.ExecutablePath,
                Channel = c.Channel,
                Headless = true,
                Args = args,
            }));

    // Playwright's words for a channel whose browser is not installed (or does not exist on this OS).
    private static bool NotInstalled(PlaywrightException e) =>
        e.Message.Contains("Chromium distribution", StringComparison.Ordinal)
        && (e.Message.Contains("is not found", StringComparison.Ordinal) || e.Message.Contains("is not supported", StringComparison.Ordinal));
}
