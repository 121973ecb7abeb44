using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace JuniperFts.Host.Tests.Web;

/// <summary>A folder of this test project holding a package.json and its committed package-lock.json, installed with <c>npm ci</c> on first use.</summary>
public static class NpmFolder
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static readonly HashSet<string> Installed = new(StringComparer.Ordinal);

    /// <summary>The full path of <paramref name="name"/> (e.g. "oidc") beside this file's folder, after <c>npm ci</c> when node_modules is missing or older than the lock file.</summary>
    public static async Task<string> EnsureInstalledAsync(string name)
    {
        var folder = Path.GetFullPath(Path.Combine(Here(), "..", name));
        await Install.WaitAsync();
        try
        {
            if (Installed.Contains(folder)) return folder;
            var marker = Path.Combine(folder, "node_modules", ".package-lock.json");
            if (!File.Exists(marker) || File.GetLastWriteTimeUtc(marker) < File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json")))
            {
                var npm = Process.Start(new ProcessStartInfo(RequiredTool.Find("npm", RequiredTool.NodeJs), "ci --no-audit --no-fund")
                {
                    WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                })!;
                var output = npm.StandardOutput.ReadToEndAsync();
                var errors = npm.StandardError.ReadToEndAsync();
                await npm.WaitForExitAsync();
                if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci in {folder} failed:\n{await output}\n{await errors}");
            }
            Installed.Add(folder);
            return folder;
        }
        finally
        {
            Install.Release();
        }
    }

    private static string Here([CallerFilePath] string self = "") => Path.GetDirectoryName(self)!;
}
