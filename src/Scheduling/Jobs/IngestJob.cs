using System.Security.Cryptography;
using System.Text;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Ingest;
using JuniperFts.Store;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Scheduling.Jobs;

/// <summary>
/// The nightly ingest: every sub-folder of the drop folder is one file set, ingested as one batch and then
/// moved to <c>processed/</c>, or to <c>failed/</c> with the reason in <c>NAME.reason.txt</c> beside it.
/// </summary>
/// <remarks>
/// A file set the ingest rejects as a whole (a user mistake: missing header column, unreadable file) goes to
/// <c>failed/</c> and the run carries on with the next one; anything else (the database, a full disk) fails the run
/// with its reason in the ledger and leaves the file set where it is, so the retry picks it up again. Senders should copy a file set beside the
/// drop folder and move it in when complete, so a half-copied set is never ingested.
/// </remarks>
/// <para>
/// Each file set is its own ledger entry, keyed by its name and content hash (<see cref="Key"/>), so every firing
/// of the schedule ingests whatever is waiting (a set dropped after the day's first run no longer waits a day),
/// the same set is never ingested twice, and a firing with nothing waiting records nothing.
/// </para>
public sealed class IngestJob(ServiceSettings settings, Warehouse warehouse, ReferenceData reference, IClock clock, ILogger<IngestJob> logger) : IWaitingWorkJob
{
    /// <summary>Where file sets go after a successful ingest.</summary>
    public const string Processed = "processed";
    /// <summary>Where file sets go when ingest refuses them.</summary>
    public const string Failed = "failed";

    /// <inheritdoc />
    public string Name => JobNames.Ingest;

    /// <inheritdoc />
    public IReadOnlyList<string> WaitingKeys() => FileSets(settings.DropFolder).Select(Key).ToList();

    /// <summary>The ledger key of a file set: its name and the start of the SHA-256 of its files' names and contents.</summary>
    public static string Key(string set)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(set).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            using var stream = File.OpenRead(file);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
            hash.AppendData([0]);
        }
        return $"{Path.GetFileName(set)}@{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }

    /// <summary>Ingests the waiting file set whose <see cref="Key"/> is the run's period key (none when it has gone or changed).</summary>
    public Task<IReadOnlyList<string>> RunAsync(JobRunContext run)
    {
        var outputs = new List<string>();
        foreach (var set in FileSets(settings.DropFolder).Where(s => Key(s) == run.PeriodKey))
        {
            run.Cancellation.ThrowIfCancellationRequested();
            var name = Path.GetFileName(set);
            try
            {
                var result = new DropFolderIngest(warehouse, reference, clock).Run(set, new StageLog(logger, name), run.Cancellation);
                var moved = MoveInto(set, Processed, run.Now);
                logger.LogInformation("File set {FileSet} ingested as batch {BatchId}: {Read} rows read, {Rejected} rejected",
                    name, result.BatchId, result.Files.Sum(f => f.Read), result.Files.Sum(f => f.Rejected));
                outputs.Add(moved);
            }
            catch (UserError e) when (!e.Transient)
            {
                var moved = MoveInto(set, Failed, run.Now);
                File.WriteAllText(moved + ".reason.txt", e.Message + Environment.NewLine);
                logger.LogWarning("File set {FileSet} refused and moved to failed/: {Reason}", name, e.Message);
                outputs.Add(moved);
            }
        }
        return Task.FromResult<IReadOnlyList<string>>(outputs);
    }

    /// <summary>
    /// One log line as each stage of a batch starts (reading a file, writing, committing), so an operator watching a
    /// big drop sees where it is; the row-by-row progress the command line shows stays out of the log.
    /// </summary>
    private sealed class StageLog(ILogger logger, string fileSet) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value)
        {
            if (value.Done == 0 || value.Stage == "committing")
                logger.LogInformation("File set {FileSet}: {Stage} {File}", fileSet, value.Stage, value.File ?? "");
        }
    }

    /// <summary>The file sets waiting in <paramref name="dropFolder"/>, oldest name first.</summary>
    public static IReadOnlyList<string> FileSets(string dropFolder) =>
        Directory.EnumerateDirectories(dropFolder)
            .Where(d => Path.GetFileName(d) is not (Processed or Failed) && !Path.GetFileName(d).StartsWith('.'))
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();

    /// <summary>Moves a file set into <c>processed/</c> or <c>failed/</c>; a name already there gets the run time appended.</summary>
    private string MoveInto(string set, string outcome, Instant now)
    {
        var folder = Path.Combine(settings.DropFolder, outcome);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(set));
        if (Directory.Exists(target) || File.Exists(target + ".reason.txt"))
            target += "-" + InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'").Format(now);
        Directory.Move(set, target);
        return target;
    }
}
