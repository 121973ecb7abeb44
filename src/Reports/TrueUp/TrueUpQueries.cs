using System.Data.Common;
using DuckDB.NET.Data;
using JuniperFts.Domain.TrueUp;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Reports.TrueUp;

/// <summary>A contract with the names a statement prints beside it.</summary>
public sealed record TrueUpContractRow(TrueUpContract Contract, string AccountName);

/// <summary>Reads contracts and installed-base units from the warehouse for the true-up.</summary>
internal static class TrueUpQueries
{
    private const string ContractColumns =
        "c.contract_id, c.account_id, coalesce(a.name, c.account_id), c.sku, CAST(c.start_date AS VARCHAR), CAST(c.end_date AS VARCHAR), c.currency, c.co_term";

    public static TrueUpContractRow? Contract(DuckDBConnection connection, string contractId) =>
        Contracts(connection, "WHERE c.contract_id = $id", ("id", contractId)).SingleOrDefault();

    /// <summary>Every contract, by contract id (ordinal).</summary>
    public static IReadOnlyList<TrueUpContractRow> AllContracts(DuckDBConnection connection) => Contracts(connection, "");

    public static IReadOnlyList<TrueUpContractRow> ContractsOfAccount(DuckDBConnection connection, string accountId) =>
        Contracts(connection, "WHERE c.account_id = $account", ("account", accountId));

    /// <summary>The installed base of a contract, by serial number (ordinal).</summary>
    /// <summary>For each contract of the account in a contract year on <paramref name="day"/>: the additions so far and their prorated charge.</summary>
    public static IReadOnlyList<TrueUpPreview> Previews(DuckDBConnection connection, string accountId, LocalDate day) =>
        ContractsOfAccount(connection, accountId)
            .Select(row => TrueUpPreview.Of(row.Contract, Units(connection, row.Contract.ContractId), day))
            .OfType<TrueUpPreview>()
            .ToList();

    public static IReadOnlyList<CoveredUnit> Units(DuckDBConnection connection, string contractId) =>
        UnitsWhere(connection, "WHERE contract_id = $id", ("id", contractId)).GetValueOrDefault(contractId, []);

    /// <summary>The installed base of every contract in one query, keyed by contract id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<CoveredUnit>> AllUnits(DuckDBConnection connection) => UnitsWhere(connection, "");

    private static Dictionary<string, IReadOnlyList<CoveredUnit>> UnitsWhere(DuckDBConnection connection, string where, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT contract_id, serial_number, model, CAST(covered_from AS VARCHAR), CAST(covered_to AS VARCHAR), annual_fee " +
            $"FROM installed_base {where}";
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        using var r = cmd.ExecuteReader();
        var units = new List<(string Contract, CoveredUnit Unit)>();
        while (r.Read())
            units.Add((r.GetString(0), new CoveredUnit(r.GetString(1), r.GetString(2), Date(r, 3), r.IsDBNull(4) ? null : Date(r, 4), r.GetDecimal(5))));
        return units.GroupBy(u => u.Contract, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CoveredUnit>)g.Select(u => u.Unit).OrderBy(u => u.SerialNumber, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    private static List<TrueUpContractRow> Contracts(DuckDBConnection connection, string where, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {ContractColumns} FROM contracts c LEFT JOIN accounts a ON a.account_id = c.account_id {where}";
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        using var r = cmd.ExecuteReader();
        var list = new List<TrueUpContractRow>();
        while (r.Read())
        {
            var contract = new TrueUpContract(r.GetString(0), r.GetString(1), r.GetString(3), Date(r, 4), Date(r, 5), r.GetString(6), r.GetBoolean(7));
            list.Add(new TrueUpContractRow(contract, r.GetString(2)));
        }
        return list.OrderBy(c => c.Contract.ContractId, StringComparer.Ordinal).ToList();
    }

    private static LocalDate Date(DbDataReader r, int i) => LocalDatePattern.Iso.Parse(r.GetString(i)).Value;
}
