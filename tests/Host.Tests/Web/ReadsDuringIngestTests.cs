using System.Net;
using System.Text.Json;
using JuniperFts.Domain.Reference;
using JuniperFts.Ingest;
using JuniperFts.Reports.Sla;
using JuniperFts.Store.Tests.Support;
using NodaTime;

namespace JuniperFts.Host.Tests.Web;

public class ReadsDuringIngestTests
{
    /// <summary>Holds the ingest at "committing" (every row written, the transaction still open) until released.</summary>
    private sealed class PauseBeforeCommit : IProgress<IngestProgress>
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Report(IngestProgress value)
        {
            if (value.Stage != "committing") return;
            Reached.SetResult();
            // The ingest must not commit behind the test's back: past the limit it fails instead.
            if (!Release.Task.Wait(Waiting.Limit))
                throw new TimeoutException($"the test did not release the ingest's commit within {Waiting.Limit.TotalSeconds:0} s");
        }
    }

    private static async Task<string> P1Row(HttpClient client)
    {
        var response = await client.GetAsync("/api/sla/summary?quarter=2026Q3&by=priority");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p1 = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rows")[0];
        return $"{p1.GetProperty("eligible")} {p1.GetProperty("met")} {p1.GetProperty("breached")}";
    }

    [Fact]
    public async Task Download_WhileAnIngestTransactionIsOpen_AnswersFromTheLastCommittedData()
    {
        using var portal = new PortalFactory();
        PortalData.Seed(portal.Store);
        var client = portal.As(PortalFactory.LeadershipToken);
        var set = portal.Store.PathOf("drop/new-cases");
        Directory.CreateDirectory(set);
        File.WriteAllText(Path.Combine(set, "cases.csv"),
            "case_number,account_id,site_id,serial_number,priority,created_at,first_response_at,resolved_at,exclusion,engineer_id,title\n" +
            "CS-6,A0001,S1,JN1,P1,2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,,,,Link down\n");

        var pause = new PauseBeforeCommit();
        var ingest = Task.Run(() => new DropFolderIngest(portal.Store.Warehouse, ReferenceData.BuiltIn, portal.Clock).Run(set, pause));
        await Waiting.For(pause.Reached.Task, "the ingest to reach its commit", state: () => ingest.Exception?.ToString() ?? "");

        // The ingest holds its write transaction open: the portal still answers, from the data before it.
        var during = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => P1Row(client)));
        var workbook = await client.GetAsync("/api/reports/sla.xlsx?quarter=2026Q3");
        pause.Release.SetResult();
        var result = await ingest;
        SlaRefresh.Run(portal.Store.Warehouse, ReferenceData.BuiltIn);

        Assert.All(during, row => Assert.Equal("2 1 1", row));
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        using (var file = new ClosedXML.Excel.XLWorkbook(await workbook.Content.ReadAsStreamAsync()))
            Assert.Contains("A0001", file.Worksheet("By account").CellsUsed().Select(c => c.GetString()));
        Assert.Equal(1, result.Files.Single().Accepted);
        Assert.Equal("3 2 1", await P1Row(client));
    }
}
