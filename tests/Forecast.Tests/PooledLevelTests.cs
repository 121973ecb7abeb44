using JuniperFts.Domain.Workload;
using JuniperFts.Forecast.Tests.Support;
using Xunit.Abstractions;

namespace JuniperFts.Forecast.Tests;

/// <summary>A series' level starts from its platform's rate per covered unit; the data decide how far each region and series departs from it.</summary>
public sealed class PooledLevelTests(ITestOutputHelper output)
{
    private const int Weeks = 120;

    private static readonly (string, string, double)[] ThreeRegionsOnePlatform = [("AMERICAS", "Routing", 1.0), ("EMEA", "Routing", 0.5), ("APAC", "Routing", 0.3)];

    [Fact]
    public void Train_RegionsShareTheRate_TheirDeparturesShrunk()
    {
        // Cases in proportion to units everywhere: what a region or series adds to the platform's rate is noise.
        var model = CaseModel.Train(SyntheticHistory.Build(weeks: Weeks, series: ThreeRegionsOnePlatform), Weeks, new ModelSettings())!;
        output.WriteLine(string.Join(", ", model.PriorScales.Select(kv => $"{kv.Key} {kv.Value:0.000}")));

        Assert.True(model.PriorScales[WeekFeatures.RegionLevelGroup] < 0.3f);
        Assert.True(model.PriorScales[WeekFeatures.SeriesLevelGroup] < 0.3f);
    }

    [Fact]
    public void Forecast_OneRegionTwiceTheRatePerUnit_KeepsItsOwnLevel()
    {
        // EMEA has half AMERICAS' units but as many cases: its rate per unit is twice the others'.
        var plain = SyntheticHistory.Build(weeks: Weeks, series: ThreeRegionsOnePlatform);
        var history = plain with
        {
            Series = plain.Series.Select(s => s.Region == "EMEA" ? s with { Cases = s.Cases.Select(c => c * 2).ToList() } : s).ToList(),
        };
        var model = CaseModel.Train(history, Weeks, new ModelSettings())!;
        var (americas, emea) = (model.Forecast(0, 13).Sum(), model.Forecast(1, 13).Sum());
        var expected = Enumerable.Range(Weeks, 13).Sum(t => SyntheticHistory.Expected(history.Horizon[t - Weeks], t, 30, 0.004, 0.35));
        output.WriteLine($"AMERICAS {americas:0} EMEA {emea:0}, expected {expected:0} each; {string.Join(", ", model.PriorScales.Select(kv => $"{kv.Key} {kv.Value:0.000}"))}");

        Assert.InRange(emea / americas, 0.9, 1.1);
        Assert.InRange(americas / expected, 0.9, 1.1);
    }
}
