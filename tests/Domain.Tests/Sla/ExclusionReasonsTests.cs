using JuniperFts.Domain.Sla;

namespace JuniperFts.Domain.Tests.Sla;

public class ExclusionReasonsTests
{
    [Fact]
    public void All_OneEntryPerReason_InEnumOrderWithDistinctCodesAndMeanings()
    {
        Assert.Equal(Enum.GetValues<ExclusionReason>(), ExclusionReasons.All.Select(e => e.Reason));
        Assert.Equal(ExclusionReasons.All.Count, ExclusionReasons.All.Select(e => e.Code).Distinct().Count());
        Assert.All(ExclusionReasons.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Meaning)));
    }

    [Fact]
    public void Codes_AsTheSpecSpellsThem_RoundTripThroughTryParse()
    {
        Assert.Equal(["maintenance_window", "third_party", "modified_code"], ExclusionReasons.CaseExclusions);
        Assert.Equal("priority_not_entitled", ExclusionReason.PriorityNotEntitled.Code());
        Assert.All(Enum.GetValues<ExclusionReason>(), r => Assert.True(ExclusionReasons.TryParse(r.Code(), out var back) && back == r));
        Assert.False(ExclusionReasons.TryParse("Gray_Market", out _));
    }
}
