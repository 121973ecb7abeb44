using System.Text.RegularExpressions;
using JuniperFts.Ingest;
using JuniperFts.Store;

namespace JuniperFts.Ingest.Tests.Ingest;

public class ComplianceFindingsSqlTests
{
    [Fact]
    public void Sql_FindingKindLiterals_AreTheListedKinds()
    {
        var sql = EmbeddedSql.Text(typeof(ComplianceFindings), "ComplianceFindings.sql");

        var literals = Regex.Matches(sql, @"SELECT '([a-z_]+)'").Select(m => m.Groups[1].Value);

        Assert.Equal(ComplianceFindings.Kinds.Order(), literals.Order());
    }
}
