using System.Globalization;
using ClosedXML.Excel;
using JuniperFts.Domain.Reference;
using JuniperFts.Ingest.Files;
using JuniperFts.Store;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Ingest.Tests.Ingest;

public class XlsxTwinTests
{
    /// <summary>Writes each CSV of <paramref name="csvFolder"/> as a workbook the way a spreadsheet export does: typed date, number and boolean cells.</summary>
    public static string XlsxTwin(string csvFolder, string xlsxFolder)
    {
        Directory.CreateDirectory(xlsxFolder);
        foreach (var file in InputFiles.All)
        {
            var path = Path.Combine(csvFolder, file.Name + ".csv");
            if (!File.Exists(path)) continue;
            var lines = File.ReadAllLines(path);
            var header = lines[0].Split(',');
            using var workbook = new XLWorkbook();
            var sheet = workbook.AddWorksheet(file.Name);
            for (var c = 0; c < header.Length; c++) sheet.Cell(1, c + 1).SetValue(header[c]);
            for (var r = 1; r < lines.Length; r++)
            {
                var cells = lines[r].Split(',');
                for (var c = 0; c < cells.Length && c < header.Length; c++)
                {
                    var cell = sheet.Cell(r + 1, c + 1);
                    var kind = file.Columns.FirstOrDefault(x => x.Name == header[c])?.Kind;
                    var text = cells[c];
                    if (text.Length == 0) continue;
                    if (kind == ColumnKind.Date && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) cell.SetValue(d);
                    else if (kind == ColumnKind.Money && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) cell.SetValue(n);
                    else if (kind == ColumnKind.Flag && bool.TryParse(text, out var b)) cell.SetValue(b);
                    else cell.SetValue(text);
                }
            }
            // A second sheet must be ignored: only the first is read.
            workbook.AddWorksheet("notes").Cell(1, 1).SetValue("exported by the CRM");
            workbook.SaveAs(Path.Combine(xlsxFolder, file.Name + ".xlsx"));
        }
        return xlsxFolder;
    }

    [Fact]
    public void Run_XlsxTwinOfACsvFolder_StoresTheSameRowsAndRejectsTheSameLines()
    {
        using var fromCsv = new TempWarehouse();
        using var fromXlsx = new TempWarehouse();
        using var drop = new Drop()
            .Add("contracts", "C2,A1,S1,SVC-FTS-BD,HERNDON,2024-02-29,2025-02-28,EUR,true")
            .Add("installed_base", "SN2,C1,QFX5120-48Y,Switching,2025-03-01,2025-09-30,5200.5,2027-01-31,true", "SN3,C1,MX204,Routing,2025-01-01,,abc,,false")
            .Add("cases", "K2,A1,S1,SN2,P3,2026-03-02T09:00:00+01:00,,,third_party,E1,Slow commit");
        var csv = drop.Write();
        var xlsx = XlsxTwin(csv, fromXlsx.PathOf("xlsx"));

        new DropFolderIngest(fromCsv.Warehouse, ReferenceData.BuiltIn, Drop.Clock).Run(csv);
        new DropFolderIngest(fromXlsx.Warehouse, ReferenceData.BuiltIn, Drop.Clock).Run(xlsx);

        Assert.Equal(IngestRulesTests.Snapshot(fromCsv), IngestRulesTests.Snapshot(fromXlsx));
        Assert.Equal("5200.50 2025-09-30 2027-01-31 true", fromXlsx.Scalar<string>(
            "SELECT annual_fee || ' ' || strftime(covered_to, '%Y-%m-%d') || ' ' || strftime(end_of_support, '%Y-%m-%d') || ' ' || gray_market FROM installed_base WHERE serial_number = 'SN2'"));
        static string[] Rejects(TempWarehouse t) => IngestQueries.Quarantine(t.Warehouse).Select(q => $"{Path.GetFileNameWithoutExtension(q.File)}:{q.Line}:{q.Reason}").ToArray();
        Assert.Equal(["installed_base:4:bad_number"], Rejects(fromXlsx));
        Assert.Equal(Rejects(fromCsv), Rejects(fromXlsx));
        Assert.Equal("installed_base.xlsx", IngestQueries.Quarantine(fromXlsx.Warehouse)[0].File);
    }

    [Fact]
    public void Run_XlsxWithTextCellsForDatesAndNumbers_ReadsThemLikeCsv()
    {
        using var temp = new TempWarehouse();
        var folder = temp.PathOf("drop");
        Directory.CreateDirectory(folder);
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("holidays");
            sheet.Cell(1, 1).SetValue("Support_Center"); sheet.Cell(1, 2).SetValue("date"); sheet.Cell(1, 3).SetValue("name");
            sheet.Cell(2, 1).SetValue("TOKYO"); sheet.Cell(2, 2).SetValue("2026-01-02"); sheet.Cell(2, 3).SetValue("Bank holiday");
            sheet.Cell(4, 1).SetValue("TOKYO"); sheet.Cell(4, 2).SetValue(new DateTime(2026, 1, 3)); sheet.Cell(4, 3).SetValue(2026);
            workbook.SaveAs(Path.Combine(folder, "holidays.xlsx"));
        }

        var result = new DropFolderIngest(temp.Warehouse, ReferenceData.BuiltIn, Drop.Clock).Run(folder);

        Assert.Equal((2L, 2L), (result.Files[0].Read, result.Files[0].Accepted));
        Assert.Equal("2026-01-02 Bank holiday|2026-01-03 2026", temp.Scalar<string>("SELECT string_agg(strftime(date, '%Y-%m-%d') || ' ' || name, '|' ORDER BY date) FROM holidays"));
    }
}
