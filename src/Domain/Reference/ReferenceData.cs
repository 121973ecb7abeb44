namespace JuniperFts.Domain.Reference;

/// <summary>
/// The reference data every rule reads: SKUs, response targets, support centres and embargoed
/// countries. <see cref="BuiltIn"/> is the spec's table; configuration may replace any part.
/// </summary>
public sealed record ReferenceData(
    IReadOnlyDictionary<string, Sku> Skus,
    IReadOnlyDictionary<Priority, int> TargetSeconds,
    IReadOnlyDictionary<string, SupportCentre> Centres,
    IReadOnlySet<string> EmbargoedCountries)
{
    /// <summary>First-response target of a priority, in seconds.</summary>
    public int TargetFor(Priority p) => TargetSeconds[p];

    public Sku? FindSku(string? code) => code is not null && Skus.TryGetValue(code.Trim(), out var s) ? s : null;

    public SupportCentre? FindCentre(string? code) => code is not null && Centres.TryGetValue(code.Trim(), out var c) ? c : null;

    public bool IsEmbargoed(string? country) => country is not null && EmbargoedCountries.Contains(country.Trim().ToUpperInvariant());

    /// <summary>The reference data written in the domain spec.</summary>
    public static ReferenceData BuiltIn { get; } = CreateBuiltIn();

    private static ReferenceData CreateBuiltIn()
    {
        Priority[] p12 = [Priority.P1, Priority.P2];
        Priority[] all = [Priority.P1, Priority.P2, Priority.P3, Priority.P4];
        var skus = new[]
        {
            new Sku("SVC-JCP-FTS-BD", ServiceWindow.BusinessHours, p12, "direct"),
            new Sku("PAR-ACS-FTS-BD", ServiceWindow.BusinessHours, p12, "partner"),
            new Sku("SVC-JCP-FTS-24x7", ServiceWindow.AroundTheClock, p12, "direct"),
            new Sku("PAR-ACS-FTS-24x7", ServiceWindow.AroundTheClock, p12, "partner"),
            new Sku("SVC-FTS-BD", ServiceWindow.BusinessHours, all, "direct"),
            new Sku("PAR-FTS-BD", ServiceWindow.BusinessHours, all, "partner"),
            new Sku("SVC-FTS-24x7", ServiceWindow.AroundTheClock, all, "direct"),
            new Sku("PAR-FTS-24x7", ServiceWindow.AroundTheClock, all, "partner"),
        }.ToDictionary(s => s.Code, StringComparer.Ordinal);

        var targets = new Dictionary<Priority, int>
        {
            [Priority.P1] = 15 * 60,
            [Priority.P2] = 30 * 60,
            [Priority.P3] = 2 * 3600,
            [Priority.P4] = 4 * 3600,
        };

        var centres = new[]
        {
            Centre("SUNNYVALE", "AMERICAS", "America/Los_Angeles"),
            Centre("HERNDON", "AMERICAS", "America/New_York"),
            Centre("SCHIPHOL_RIJK", "EMEA", "Europe/Amsterdam"),
            Centre("SINGAPORE", "APAC", "Asia/Singapore"),
            Centre("TOKYO", "APAC", "Asia/Tokyo"),
            Centre("SYDNEY", "APAC", "Australia/Sydney"),
            Centre("BANGALORE", "APAC", "Asia/Kolkata"),
        }.ToDictionary(c => c.Code, StringComparer.Ordinal);

        var embargo = new HashSet<string>(["CU", "IR", "KP", "SD", "SY"], StringComparer.Ordinal);
        return new ReferenceData(skus, targets, centres, embargo);
    }

    private static SupportCentre Centre(string code, string region, string zone) =>
        new(code, region, CalendarDefinition.WeekdaysNineToFive(zone));
}
