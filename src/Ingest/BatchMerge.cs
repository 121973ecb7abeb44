using JuniperFts.Ingest.Files;
using JuniperFts.Store;

namespace JuniperFts.Ingest;

/// <summary>
/// Moves one staged file into its stored table inside the batch's transaction: rows whose references are
/// unknown and keys with conflicting versions go to quarantine; the rest insert new keys and update changed ones.
/// </summary>
/// <remarks>
/// References are checked against the stored tables after the files before this one were merged, so
/// a reference to a row rejected in this batch is unknown unless an earlier batch stored that key.
/// Duplicates are looked for among the rows that passed every other check.
/// </remarks>
internal sealed class BatchMerge(WarehouseConnection connection, InputFile file, string fileName, long batchId)
{
    public sealed record Outcome(long Rejected, long Inserted, long Updated, long Unchanged);

    private string Stage => DropFolderIngest.StageTable(file);
    private string Columns(string alias) => Sql.Join(file.Columns.Select(c => $"{alias}.{Sql.Name(c.Name)}"));
    private string ColumnNames => Sql.Join(file.Columns.Select(c => Sql.Name(c.Name)));

    public Outcome Apply()
    {
        long rejected = 0;
        var keys = file.Key;
        var keyCols = Sql.Join(keys.Select(Sql.Name));
        if (file.References.Count > 0)
        {
            // Only the failures are copied (line, reason, detail); the raw text stays in the stage table.
            Exec($"CREATE OR REPLACE TEMP TABLE merge_unknown AS SELECT * FROM ({ReferenceCheckSql()}) WHERE reason IS NOT NULL");
            rejected += Exec($"""
                INSERT INTO quarantine (batch_id, file, line, reason, detail, raw)
                SELECT $batch, $file, u.line, u.reason, u.detail, s.raw FROM merge_unknown u JOIN {Stage} s ON s.line = u.line
                """, ("batch", batchId), ("file", fileName));
            Exec($"DELETE FROM {Stage} WHERE line IN (SELECT line FROM merge_unknown)");
        }

        // Repeated keys are rare: find them by key alone, then compare whole rows only for those.
        Exec($"CREATE OR REPLACE TEMP TABLE merge_repeated AS SELECT {keyCols} FROM {Stage} GROUP BY {keyCols} HAVING count(*) > 1");
        Exec($"""
            CREATE OR REPLACE TEMP TABLE merge_conflicts AS
            SELECT {keyCols}, count(*) AS versions FROM (
                SELECT DISTINCT {Columns("o")} FROM {Stage} o SEMI JOIN merge_repeated r ON {Sql.Match(keys, "o", "r")})
            GROUP BY {keyCols} HAVING count(*) > 1
            """);
        var keyText = Sql.Join(keys.Select(k => $"'{k} ''' || CAST(o.{Sql.Name(k)} AS VARCHAR) || ''''"), " || ', ' || ");
        rejected += Exec($"""
            INSERT INTO quarantine (batch_id, file, line, reason, detail, raw)
            SELECT $batch, $file, o.line, 'conflicting_duplicate', {keyText} || ' appears with ' || c.versions || ' different values in this batch', o.raw
            FROM {Stage} o JOIN merge_conflicts c ON {Sql.Match(keys, "o", "c")}
            """, ("batch", batchId), ("file", fileName));

        // One row per accepted key: the first line of an identical repeat stands for all of them.
        Exec($"""
            CREATE OR REPLACE TEMP VIEW merge_final AS
            SELECT {Columns("o")} FROM {Stage} o ANTI JOIN merge_repeated r ON {Sql.Match(keys, "o", "r")}
            UNION ALL
            SELECT {ColumnNames} FROM (
                SELECT o.*, row_number() OVER (PARTITION BY {Sql.Join(keys.Select(k => "o." + Sql.Name(k)))} ORDER BY o.line) AS nth
                FROM {Stage} o SEMI JOIN merge_repeated r ON {Sql.Match(keys, "o", "r")}
                ANTI JOIN merge_conflicts c ON {Sql.Match(keys, "o", "c")})
            WHERE nth = 1
            """);
        var distinctKeys = connection.Scalar<long>("SELECT count(*) FROM merge_final");

        var values = file.Columns.Where(c => !keys.Contains(c.Name)).Select(c => c.Name).ToList();
        var target = Sql.Name(file.Table);
        var updated = Exec($"""
            UPDATE {target} AS t SET {Sql.Join(values.Select(v => $"{Sql.Name(v)} = f.{Sql.Name(v)}"))}, batch_id = $batch
            FROM merge_final AS f
            WHERE {Sql.Match(keys, "t", "f")} AND ({Sql.Join(values.Select(v => $"t.{Sql.Name(v)} IS DISTINCT FROM f.{Sql.Name(v)}"), " OR ")})
            """, ("batch", batchId));
        var inserted = Exec($"""
            INSERT INTO {target} ({ColumnNames}, batch_id)
            SELECT {Columns("f")}, $batch FROM merge_final AS f ANTI JOIN {target} AS t ON {Sql.Match(keys, "t", "f")}
            """, ("batch", batchId));

        Exec("DROP VIEW IF EXISTS merge_final; DROP TABLE IF EXISTS merge_unknown; DROP TABLE IF EXISTS merge_repeated; DROP TABLE IF EXISTS merge_conflicts");
        return new Outcome(rejected, inserted, updated, distinctKeys - inserted - updated);
    }

    /// <summary>The staged rows with the first failed reference as reason and detail (both null when all are known).</summary>
    private string ReferenceCheckSql()
    {
        var joins = new List<string>();
        var reasons = new List<string>();
        var details = new List<string>();
        for (var i = 0; i < file.References.Count; i++)
        {
            var r = file.References[i];
            var alias = "r" + i;
            var projection = Sql.Join(r.TargetColumns.Select((c, j) => $"{Sql.Name(c)} AS k{j}"));
            var on = string.Join(" AND ", r.Columns.Select((c, j) => $"s.{Sql.Name(c)} = {alias}.k{j}"));
            joins.Add($"LEFT JOIN (SELECT DISTINCT {projection}, true AS found FROM {Sql.Name(r.TargetTable)}) {alias} ON {on}");
            var missing = $"{alias}.found IS NULL";
            reasons.Add($"WHEN {missing} THEN {Sql.Literal(r.Reason.Code())}");
            var detail = $"'{r.Columns[0]} ''' || s.{Sql.Name(r.Columns[0])} || ''' is not a known {r.What}'";
            for (var j = 1; j < r.Columns.Count; j++)
                detail += $" || ' ''' || s.{Sql.Name(r.Columns[j])} || ''''";
            details.Add($"WHEN {missing} THEN {detail}");
        }
        return $"""
            SELECT s.line, CASE {string.Join(" ", reasons)} END AS reason, CASE {string.Join(" ", details)} END AS detail
            FROM {Stage} s {string.Join(" ", joins)}
            """;
    }

    private long Exec(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => connection.Execute(sql, parameters);
}
