using System.Text.RegularExpressions;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Sla;

namespace JuniperFts.Reports.Tests.Sla;

public class SlaEvaluationSqlTests
{
    [Fact]
    public void Select_ExclusionReasonLiterals_AreTheRulesReasonsOfTheDomainList()
    {
        var sql = SlaEvaluation.Select("cases", new SlaEvaluation.Prepared("0"));
        var reasons = sql[sql.IndexOf("CASE WHEN f.case_exclusion IS NOT NULL", StringComparison.Ordinal)..sql.IndexOf("AS excluded_reason", StringComparison.Ordinal)];

        var literals = Regex.Matches(reasons, @"THEN '([a-z_]+)'").Select(m => m.Groups[1].Value);

        Assert.Equal(ExclusionReasons.All.Where(e => !e.SetOnCase).Select(e => e.Code), literals);
    }
}
