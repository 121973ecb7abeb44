using System.Diagnostics;
using JuniperFts.Host.Tests.Web;

namespace JuniperFts.Host.Tests.ReviewPack;

/// <summary>LibreOffice's <c>soffice</c>, to open a deck as a person would: found, or a failure in one line saying what to install.</summary>
public static class LibreOffice
{
    public const string Install = "install LibreOffice Impress (Debian: apt-get install libreoffice-impress; ./test.sh does it when apt-get is there), or set FTS_SOFFICE";

    private static readonly string[] Known =
    [
        "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice", @"C:\Program Files\LibreOffice\program\soffice.exe",
    ];

    /// <summary><c>FTS_SOFFICE</c>, else <c>soffice</c> or <c>libreoffice</c> on PATH, else the usual install places.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("FTS_SOFFICE") is { Length: > 0 } explicitPath) return explicitPath;
        foreach (var name in new[] { "soffice", "libreoffice" })
        {
            try { return RequiredTool.Find(name, Install); }
            catch (InvalidOperationException) { }
        }
        return Known.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException($"soffice is not on PATH: {Install}");
    }

    /// <summary>Converts <paramref name="document"/> to PDF in <paramref name="folder"/> headless, with a profile of its own; returns the PDF's path.</summary>
    public static string ToPdf(string document, string folder)
    {
        var profile = Path.Combine(folder, "lo-profile");
        var start = new ProcessStartInfo(Find())
        {
            ArgumentList = { "--headless", "--norestore", $"-env:UserInstallation={new Uri(profile).AbsoluteUri}", "--convert-to", "pdf", "--outdir", folder, document },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = folder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A first start builds the profile: slow on a busy machine, but bounded.
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"soffice did not convert {document} within 5 minutes");
        }
        var pdf = Path.Combine(folder, Path.GetFileNameWithoutExtension(document) + ".pdf");
        if (process.ExitCode != 0 || !File.Exists(pdf))
            throw new InvalidOperationException($"soffice exited {process.ExitCode}: {output.Result} {error.Result}");
        return pdf;
    }
}
