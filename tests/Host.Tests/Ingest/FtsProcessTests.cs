using System.Diagnostics;
using JuniperFts.Ingest.Sample;
using JuniperFts.Ingest.Tests.Ingest;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Host.Tests.Ingest;

/// <summary>The real <c>fts</c> executable against a real database file: killed mid-batch, or refused a database in use.</summary>
public class FtsProcessTests
{
    [Theory]
    [InlineData("ingest: reading cases.csv")]
    // Inside the batch's transaction: accounts to installed base are already merged, uncommitted.
    [InlineData("ingest: writing cases.csv")]
    public void Ingest_KilledWithSigkillMidBatch_LeavesTheDatabaseAsItWas(string killAfter)
    {
        using var temp = new TempWarehouse();
        using (var drop = new Drop()) drop.IngestInto(temp);
        var before = WarehouseSnapshot.Of(temp, withBatches: true);
        var big = temp.PathOf("big");
        SampleDropFolder.Write(big, new SampleOptions(60_000, 11));

        using var fts = new Process { StartInfo = Fts.Process("ingest", big, "--db", temp.DatabasePath) };
        var stdout = new System.Text.StringBuilder();
        fts.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        var seen = new List<string>();
        // A dedicated thread reads the progress lines and kills at once, so a busy test thread pool cannot delay the kill.
        var killer = new Thread(() =>
        {
            string? line;
            while ((line = fts.StandardError.ReadLine()) is not null)
            {
                seen.Add(line);
                if (line == killAfter) { fts.Kill(); return; } // SIGKILL on Linux: no handler, no cleanup
            }
        });
        fts.Start();
        fts.BeginOutputReadLine();
        killer.Start();
        killer.Join();
        fts.WaitForExit();

        lock (stdout) Assert.True(!stdout.ToString().Contains("batch 2 from"), "fts committed before the kill: " + string.Join(" | ", seen));
        Assert.Equal(killAfter, seen[^1]);
        Assert.Equal(137, fts.ExitCode);
        Assert.Equal(before, WarehouseSnapshot.Of(temp, withBatches: true));
    }

    [Fact]
    public async Task Ingest_DatabaseHeldByAnotherProcess_OneLineNamingTheHolderAndExit2()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();
        var folder = drop.Write();
        using var held = temp.Warehouse.Connect(); // this test process holds the file

        using var fts = Process.Start(Fts.Process("ingest", folder, "--db", temp.DatabasePath))!;
        var stdout = fts.StandardOutput.ReadToEndAsync();
        var stderr = await fts.StandardError.ReadToEndAsync();
        await fts.WaitForExitAsync();

        Assert.Equal(2, fts.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Matches($@"^fts: the database {System.Text.RegularExpressions.Regex.Escape(temp.DatabasePath)} is in use by another process: /[^;]+ \(PID {Environment.ProcessId}\); stop that process \(for example `fts serve`\) or pass another --db\n$", stderr.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Serve_PortAlreadyTaken_OneLineNamingTheAddressNoTraceAndNoJobStarted()
    {
        using var temp = new TempWarehouse();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        var start = Fts.Process("serve", "--db", temp.DatabasePath, "--urls", url);
        start.WorkingDirectory = temp.Folder;
        start.Environment["Portal__Users__0__Name"] = "Lee Chen";
        start.Environment["Portal__Users__0__Role"] = "leadership";
        start.Environment["Portal__Users__0__TokenSha256"] = new string('a', 64);

        using var fts = Process.Start(start)!;
        var stdout = fts.StandardOutput.ReadToEndAsync();
        var stderr = await fts.StandardError.ReadToEndAsync();
        await fts.WaitForExitAsync();

        Assert.Equal(2, fts.ExitCode);
        Assert.Equal("", await stdout); // no start-up failure logged with its stack trace
        Assert.Matches($"^fts: --urls: cannot listen on {System.Text.RegularExpressions.Regex.Escape(url)}: [^\n]+\n$", stderr.Replace("\r\n", "\n"));
        Assert.Equal(0L, temp.Scalar<long>("SELECT count(*) FROM job_runs"));
    }
}
