using Spectre.Console;
using JuniperFts.Reports.Files;

namespace JuniperFts.Host.Cli;

/// <summary>Prints a <see cref="Tabular"/> as csv or json (<see cref="TabularWriter"/>) or as a table at the terminal.</summary>
public static class TabularOutput
{
    public static void Write(Tabular data, string format, CliContext context)
    {
        switch (format)
        {
            case "csv": TabularWriter.WriteCsv(data, context.Out); break;
            case "json": TabularWriter.WriteJson(data, context.Out); break;
            default: WriteTable(data, context); break;
        }
    }

    private static void WriteTable(Tabular data, CliContext context)
    {
        if (context.Interactive)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var c in data.Columns) table.AddColumn(Markup.Escape(c));
            foreach (var row in data.Rows) table.AddRow(row.Select(v => Markup.Escape(TabularWriter.Text(v))).ToArray());
            AnsiConsole.Write(table);
            return;
        }

        // Plain aligned columns for logs and pipes.
        var widths = data.Columns.Select((c, i) => Math.Max(c.Length, data.Rows.Count == 0 ? 0 : data.Rows.Max(r => TabularWriter.Text(r[i]).Length))).ToArray();
        context.Out.WriteLine(string.Join("  ", data.Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        foreach (var row in data.Rows)
            context.Out.WriteLine(string.Join("  ", row.Select((v, i) => TabularWriter.Text(v).PadRight(widths[i]))).TrimEnd());
        context.Out.Flush();
    }
}
