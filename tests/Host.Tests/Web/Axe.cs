using System.Text.Json;
using Microsoft.Playwright;

namespace JuniperFts.Host.Tests.Web;

/// <summary>The axe-core accessibility audit (npm, <c>tests/Host.Tests/axe</c>) run inside a page of the real browser.</summary>
public static class Axe
{
    private static string? _script;

    /// <summary>The violations of impact serious or critical on the page as it is now, one line each (empty: none).</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        _script ??= await File.ReadAllTextAsync(Path.Combine(await NpmFolder.EnsureInstalledAsync("axe"), "node_modules", "axe-core", "axe.min.js"));
        // Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy does not govern (a script tag would be refused).
        await page.EvaluateAsync(_script);
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
