using CsCheck;
using JuniperFts.Domain.Workload;

namespace JuniperFts.Domain.Tests.Workload;

public class ErlangCTests
{
    // pyworkforce's reference: 100 arrivals per 30 minutes, 3-minute handling, 20-second target, 80 % goal.
    private const double ReferenceLoad = 100 * 2 * 3 / 60.0; // 200 an hour × 3 min = 10 Erlangs
    private const double ReferenceTarget = 20 / 60.0;

    [Fact]
    public void EngineersFor_PyworkforceReference_FourteenRaw()
    {
        var (n, level) = ErlangC.EngineersFor(ReferenceLoad, ReferenceTarget, 3, 0.8);

        Assert.Equal(14, n);
        Assert.InRange(level, 0.8883, 0.8884); // 0.88835 by hand from the recursion
        Assert.Equal(0.1741, ErlangC.ProbabilityOfWaiting(14, ReferenceLoad), 4);
        Assert.Equal(0.7143, ErlangC.Occupancy(14, ReferenceLoad), 4);
    }

    [Fact]
    public void Scheduled_PyworkforceReference_TwentyWithShrinkageAndMaxOccupancy() =>
        Assert.Equal(20, ErlangC.Scheduled(14, ReferenceLoad, 0.85, 0.30));

    [Fact]
    public void EngineersFor_OneFewer_MissesTheGoal()
    {
        var level = ErlangC.ServiceLevel(13, ReferenceLoad, ReferenceTarget, 3);
        Assert.NotNull(level);
        Assert.True(level < 0.8, $"13 engineers reach {level}");
    }

    [Fact]
    public void ProbabilityOfWaiting_OneEngineer_IsTheLoad()
    {
        // M/M/1: a case waits exactly when the one engineer is busy, which is A of the time.
        Assert.Equal(0.5, ErlangC.ProbabilityOfWaiting(1, 0.5), 12);
        // 1 − 0.5·e^(−0.5·10/30), by hand.
        Assert.Equal(1 - 0.5 * Math.Exp(-0.5 * 10 / 30.0), ErlangC.ServiceLevel(1, 0.5, 10, 30)!.Value, 12);
        // ASA = C·h ÷ (N − A) = 0.5 × 30 ÷ 0.5.
        Assert.Equal(30, ErlangC.AverageSpeedOfAnswer(1, 0.5, 30)!.Value, 12);
    }

    [Fact]
    public void ProbabilityOfWaiting_TwoEngineersHalfBusy_OneThird()
    {
        // B(1) = 1/2, B(2) = 0.5 / 2.5 = 0.2, C = 2·0.2 / (2 − 1·0.8) = 1/3 (M/M/2 at ρ = ½: 2ρ²/(1+ρ)).
        Assert.Equal(0.2, ErlangC.Blocking(2, 1), 12);
        Assert.Equal(1 / 3.0, ErlangC.ProbabilityOfWaiting(2, 1), 12);
    }

    [Fact]
    public void EngineersFor_NoLoad_OneEngineerAnswersEverything() =>
        Assert.Equal((1, 1.0), ErlangC.EngineersFor(0, 15, 360, 0.95));

    [Fact]
    public void EngineersFor_WholeLoad_StartsAboveIt()
    {
        // N must exceed A: with A = 2 the first candidate is 3, even for a goal every N > A meets.
        var (n, _) = ErlangC.EngineersFor(2, 1000, 1, 0.01);
        Assert.Equal(3, n);
    }

    [Theory]
    [InlineData(3, 3.0)]
    [InlineData(3, 4.5)]
    [InlineData(0, 0.0)]
    public void ServiceLevel_LoadAtOrAboveEngineers_NoFiniteLevel(int engineers, double load)
    {
        Assert.Null(ErlangC.ServiceLevel(engineers, load, 15, 60));
        Assert.Null(ErlangC.AverageSpeedOfAnswer(engineers, load, 60));
        Assert.Equal(1, ErlangC.ProbabilityOfWaiting(engineers, load));
    }

    [Fact]
    public void Blocking_HundredsOfEngineers_MatchesLogSpaceSum()
    {
        // Independent evaluation: B = (A^N/N!) / Σ A^k/k!, summed in logs so nothing overflows.
        const int n = 480;
        const double a = 450;
        var logTerms = Enumerable.Range(0, n + 1).Select(k => k * Math.Log(a) - LogFactorial(k)).ToArray();
        var max = logTerms.Max();
        var logSum = max + Math.Log(logTerms.Sum(t => Math.Exp(t - max)));
        var expected = Math.Exp(logTerms[n] - logSum);

        Assert.Equal(expected, ErlangC.Blocking(n, a), 10);
        var (engineers, level) = ErlangC.EngineersFor(a, 0.5, 5, 0.9);
        Assert.InRange(engineers, 451, 520);
        Assert.True(double.IsFinite(level) && level >= 0.9);
    }

    [Fact]
    public void ServiceLevel_MoreEngineers_NeverLower() =>
        Gen.Select(Gen.Double[0, 300], Gen.Double[0, 240], Gen.Double[1, 480]).Sample((load, target, handling) =>
        {
            var previous = double.NegativeInfinity;
            var previousWait = double.PositiveInfinity;
            for (var n = (int)Math.Floor(load) + 1; n <= (int)Math.Floor(load) + 60; n++)
            {
                var level = ErlangC.ServiceLevel(n, load, target, handling)!.Value;
                var wait = ErlangC.ProbabilityOfWaiting(n, load);
                if (level < previous - 1e-12 || level > 1 || wait > previousWait + 1e-12 || wait < 0) return false;
                (previous, previousWait) = (level, wait);
            }
            return true;
        });

    [Fact]
    public void EngineersFor_AnyLoad_SmallestThatReachesTheGoal() =>
        Gen.Select(Gen.Double[0, 200], Gen.Double[0, 60], Gen.Double[1, 400], Gen.Double[0.05, 0.99]).Sample((load, target, handling, goal) =>
        {
            var (n, level) = ErlangC.EngineersFor(load, target, handling, goal);
            var fewer = n - 1 > load ? ErlangC.ServiceLevel(n - 1, load, target, handling) : null;
            return n > load && level >= goal && level == ErlangC.ServiceLevel(n, load, target, handling) && (fewer is null || fewer < goal);
        });

    [Fact]
    public void Scheduled_MaxOccupancyBinds_RaisedBeforeShrinkage()
    {
        // A = 9.5, raw 10 would be 95 % busy; at most 80 % lifts it to 11.875, ÷ 0.75 = 15.83 → 16.
        Assert.Equal(16, ErlangC.Scheduled(10, 9.5, 0.8, 0.25));
        // Without shrinkage or an occupancy cap, the raw figure stands.
        Assert.Equal(10, ErlangC.Scheduled(10, 9.5, 1, 0));
    }

    private static double LogFactorial(int k)
    {
        var sum = 0.0;
        for (var i = 2; i <= k; i++) sum += Math.Log(i);
        return sum;
    }
}
