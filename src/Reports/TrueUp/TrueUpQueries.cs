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

    /// <summary>The installed base of a contract.</summary>
    public static IReadOnlyList<CoveredUnit> Units(DuckDBConnection connection, string contractId)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT serial_number, model, CAST(covered_from AS VARCHAR), CAST(covered_to AS VARCHAR), annual_fee " +
            "FROM installed_base WHERE contract_id = $id";
        cmd.Parameters.Add(new DuckDBParameter("id", contractId));
        using var r = cmd.ExecuteReader();
        var units = new List<CoveredUnit>();
        while (r.Read())
            units.Add(new CoveredUnit(r.GetString(0), r.GetString(1), Date(r, 2), r.IsDBNull(3) ? null : Date(r, 3), r.GetDecimal(4)));
        return units.OrderBy(u => u.SerialNumber, StringComparer.Ordinal).ToList();
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
