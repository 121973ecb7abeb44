using System.Diagnostics;
using JuniperFts.Host.Tests.Ingest;
using JuniperFts.Ingest.Sample;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Host.Tests.Service;

/// <summary>The real <c>fts serve</c> stopped with SIGTERM while a job runs, then started again.</summary>
public class ServeStopTests
{
    /// <summary>A running <c>fts serve</c> whose log lines are collected as they come.</summary>
    private sealed class Serve : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        public Serve(TempWarehouse temp, string drop)
        {
            var start = Fts.Process("serve", "--db", temp.DatabasePath, "--urls", "http://127.0.0.1:0");
            start.WorkingDirectory = temp.Folder;
            start.Environment["Portal__Users__0__Name"] = "Lee Chen";
            start.Environment["Portal__Users__0__Role"] = "leadership";
            start.Environment["Portal__Users__0__TokenSha256"] = new string('a', 64);
            start.Environment["Service__DropFolder"] = drop;
            start.Environment["Service__OutFolder"] = temp.PathOf("out");
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Log { get { lock (_lines) return string.Join('\n', _lines); } }

        /// <summary>Waits for a log line containing <paramref name="text"/> (and <paramref name="also"/>).</summary>
        public void WaitFor(string text, string also = "")
        {
            bool Logged() => Log.Split('\n').Any(l => l.Contains(text, StringComparison.Ordinal) && l.Contains(also, StringComparison.Ordinal));
            Waiting.Until(() => Logged() || _process.HasExited,
                $"a log line of fts serve with '{text}' and '{also}'", TimeSpan.FromMinutes(4), () => Log);
            if (!Logged()) throw new Xunit.Sdk.XunitException($"fts serve exited ({_process.ExitCode}) before logging '{text}':\n{Log}");
        }

        /// <summary>Sends SIGTERM, as systemd or docker stop does, and returns how long the process took to exit, and its exit code.</summary>
        public (TimeSpan Took, int Exit) Terminate()
        {
            var watch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromMinutes(1))) throw new Xunit.Sdk.XunitException("fts serve did not exit within a minute of SIGTERM:\n" + Log);
            _process.WaitForExit();
            return (watch.Elapsed, _process.ExitCode);
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill();
            _process.Dispose();
        }
    }

    [Fact]
    public void Serve_SigtermDuringTheIngestJob_StopsWithinSecondsRecordsStoppedAndIngestsAtTheNextStart()
    {
        using var temp = new TempWarehouse();
        var drop = temp.PathOf("drop");
        SampleDropFolder.Write(Path.Combine(drop, "big"), new SampleOptions(60_000, 11));

        (TimeSpan Took, int Exit) first;
        using (var serve = new Serve(temp, drop))
        {
            // Inside the batch: the job logs each stage as it starts, and cases.csv (60,000 rows) is read before
            // anything is written.
            serve.WaitFor("File set big: reading cases.csv");
            first = serve.Terminate();
            Assert.DoesNotContain("   at ", serve.Log); // no stack trace
        }
        Assert.Equal(0, first.Exit);
        Assert.True(first.Took < TimeSpan.FromSeconds(10), $"SIGTERM took {first.Took}");
        Assert.True(Directory.Exists(Path.Combine(drop, "big")), "the stopped file set must stay waiting");
        Assert.Equal(0L, temp.Scalar<long>("SELECT count(*) FROM cases"));
        Assert.Equal("stopped 1", temp.Scalar<string>("SELECT status || ' ' || attempt FROM job_runs WHERE job = 'ingest'"));

        using (var serve = new Serve(temp, drop))
        {
            serve.WaitFor("Job ingest period big@");
            serve.WaitFor("Job ingest period big@", "succeeded");
            Assert.Equal(0, serve.Terminate().Exit);
        }
        Assert.Equal("stopped 1, succeeded 1", temp.Scalar<string>("SELECT string_agg(status || ' ' || attempt, ', ' ORDER BY run_id) FROM job_runs WHERE job = 'ingest'"));
        Assert.True(temp.Scalar<long>("SELECT count(*) FROM cases") > 50_000);
        Assert.True(Directory.Exists(Path.Combine(drop, "processed", "big")));
    }
}
