using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;

namespace JuniperFts.Domain.Tests.Workload;

public class StaffingAssumptionsTests
{
    [Fact]
    public void ProductiveHoursPerEngineerWeek_Defaults_HoursLessShrinkageAtOccupancy() =>
        // 40 × (1 − 0.30) × 0.85 = 23.8
        Assert.Equal(23.8, StaffingAssumptions.Default.ProductiveHoursPerEngineerWeek, 10);

    [Fact]
    public void EngineersNeeded_HalfP1HalfP3_CasesTimesMixedHoursOverProductiveHours()
    {
        var mix = PriorityMix.FromCounts(new Dictionary<Priority, long> { [Priority.P1] = 30, [Priority.P3] = 30 });

        // Hours per case = 0.5 × 6 + 0.5 × 2 = 4; 119 cases × 4 h / 23.8 h = 20 engineers.
        Assert.Equal(4, StaffingAssumptions.Default.HoursPerCase(mix), 10);
        Assert.Equal(20, StaffingAssumptions.Default.EngineersNeeded(119, mix), 10);
    }

    [Fact]
    public void FromCounts_NoCases_EqualShares() =>
        Assert.All(Priorities.All, p => Assert.Equal(0.25, PriorityMix.Equal.Share(p)));

    [Fact]
    public void Constructor_ShrinkageOfOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaffingAssumptions(StaffingAssumptions.Default.HandlingHours, 40, 1, 0.85));

    [Fact]
    public void Constructor_MissingPriority_Throws() =>
        Assert.Throws<ArgumentException>(() => new StaffingAssumptions(new Dictionary<Priority, double> { [Priority.P1] = 1 }, 40, 0.3, 0.85));

    [Fact]
    public void HandlingMinutes_TenthOfAnHour_SixExactly() =>
        Assert.Equal(6.0, new StaffingAssumptions(Priorities.All.ToDictionary(p => p, _ => 0.1), 40, 0.3, 0.85).HandlingMinutes(Priority.P1));

    [Fact]
    public void Constructor_GoalOfOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaffingAssumptions(StaffingAssumptions.Default.HandlingHours, 40, 0.3, 0.85, serviceLevelGoal: 1));
}
