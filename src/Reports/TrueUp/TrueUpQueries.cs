using JuniperFts.Domain.TrueUp;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.TrueUp;

/// <summary>A contract with the names a statement prints beside it.</summary>
public sealed record TrueUpContractRow(TrueUpContract Contract, string AccountName);

/// <summary>Reads contracts and installed-base units from the warehouse for the true-up.</summary>
internal static class TrueUpQueries
{
    private const string ContractColumns =
        "c.contract_id, c.account_id, coalesce(a.name, c.account_id), c.sku, c.start_date, c.end_date, c.currency, c.co_term";

    public static TrueUpContractRow? Contract(WarehouseConnection connection, string contractId) =>
        Contracts(connection, "WHERE c.contract_id = $id", ("id", contractId)).SingleOrDefault();

    /// <summary>Every contract, by contract id (ordinal).</summary>
    public static IReadOnlyList<TrueUpContractRow> AllContracts(WarehouseConnection connection) => Contracts(connection, "");

    public static IReadOnlyList<TrueUpContractRow> ContractsOfAccount(WarehouseConnection connection, string accountId) =>
        Contracts(connection, "WHERE c.account_id = $account", ("account", accountId));

    /// <summary>For each contract of the account in a contract year on <paramref name="day"/>: the additions so far and their prorated charge.</summary>
    public static IReadOnlyList<TrueUpPreview> Previews(WarehouseConnection connection, string accountId, LocalDate day) =>
        ContractsOfAccount(connection, accountId)
            .Select(row => TrueUpPreview.Of(row.Contract, Units(connection, row.Contract.ContractId), day))
            .OfType<TrueUpPreview>()
            .ToList();

    /// <summary>The installed base of a contract, by serial number (ordinal).</summary>
    public static IReadOnlyList<CoveredUnit> Units(WarehouseConnection connection, string contractId) =>
        UnitsWhere(connection, "WHERE contract_id = $id", ("id", contractId)).GetValueOrDefault(contractId, []);

    /// <summary>The installed base of every contract in one query, keyed by contract id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<CoveredUnit>> AllUnits(WarehouseConnection connection) => UnitsWhere(connection, "");

    private static Dictionary<string, IReadOnlyList<CoveredUnit>> UnitsWhere(WarehouseConnection connection, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var units = connection.Query(
            $"SELECT contract_id, serial_number, model, covered_from, covered_to, annual_fee FROM installed_base {where}",
            r => (Contract: r.Text(0), Unit: new CoveredUnit(r.Text(1), r.Text(2), r.Date(3), r.DateOrNull(4), r.Decimal(5))), parameters);
        return units.GroupBy(u => u.Contract, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CoveredUnit>)g.Select(u => u.Unit).OrderBy(u => u.SerialNumber, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    private static List<TrueUpContractRow> Contracts(WarehouseConnection connection, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var list = connection.Query($"SELECT {ContractColumns} FROM contracts c LEFT JOIN accounts a ON a.account_id = c.account_id {where}",
            r => new TrueUpContractRow(new TrueUpContract(r.Text(0), r.Text(1), r.Text(3), r.Date(4), r.Date(5), r.Text(6), r.Bool(7)), r.Text(2)),
            parameters);
        return list.OrderBy(c => c.Contract.ContractId, StringComparer.Ordinal).ToList();
    }
}
