using System.Diagnostics;

namespace JuniperFts.Store.Tests.Support;

/// <summary>
/// A folder on a file system of its own that a test can fill up: a tmpfs the test mounts when the machine lets it
/// (root, or a container with CAP_SYS_ADMIN), else a plain folder whose databases fail every commit through the
/// store's test seam exactly as DuckDB fails on a full disk.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly List<string> _seamed = [];
    private string? _filler;

    public SmallDisk(int megabytes = 32)
    {
        Folder = Path.Combine(Path.GetTempPath(), "fts-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        // FTS_TEST_NO_MOUNT=1 tries the seam on a machine that could mount.
        Mounted = Environment.GetEnvironmentVariable("FTS_TEST_NO_MOUNT") != "1"
                  && Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Folder);
    }

    /// <summary>The folder; on a tmpfs of its own when <see cref="Mounted"/>.</summary>
    public string Folder { get; }

    /// <summary>True when the folder is a real small file system; false when the store's seam stands in for it.</summary>
    public bool Mounted { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// Fills the disk, leaving <paramref name="leave"/> bytes: enough for small writes (a ledger row), not for a batch.
    /// Without a mount, every commit to <paramref name="databasePath"/> fails instead.
    /// </summary>
    public void Fill(string databasePath, long leave = 300_000)
    {
        if (!Mounted)
        {
            var full = Path.GetFullPath(databasePath);
            Warehouse.DisksFullForTests[full] = true;
            _seamed.Add(full);
            return;
        }
        _filler = PathOf("filler.bin");
        using var filler = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, (byte)0x5A);
        try
        {
            while (true) filler.Write(chunk);
        }
        catch (IOException)
        {
            // The file system is full: give back what the test leaves free.
        }
        filler.SetLength(Math.Max(0, filler.Length - leave));
    }

    /// <summary>Frees what <see cref="Fill"/> took.</summary>
    public void MakeRoom()
    {
        foreach (var path in _seamed) Warehouse.DisksFullForTests.TryRemove(path, out _);
        _seamed.Clear();
        if (_filler is not null) File.Delete(_filler);
        _filler = null;
    }

    public void Dispose()
    {
        MakeRoom();
        if (Mounted) Run("umount", "-l", Folder);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(info)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            if (!p.WaitForExit(30_000)) { p.Kill(); return false; }
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no mount command here
        }
    }
}
