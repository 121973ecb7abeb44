using JuniperFts.Domain;

namespace JuniperFts.Reports.Files;

/// <summary>Writes a document through a temporary file beside its path, so no reader ever sees half a file.</summary>
public static class ReportFile
{
    /// <summary>Suffix of the temporary file while it is written; it never stays behind.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Creates the folder when missing, lets <paramref name="write"/> fill a temporary file, then moves it onto <paramref name="path"/>.</summary>
    /// <param name="subject">The parameter that named <paramref name="path"/> ("out", "chart"), for the entry point's words.</param>
    /// <exception cref="UserError">The folder or the file cannot be written; the message names the path.</exception>
    public static void Write(string path, Action<Stream> write, string? subject = null) =>
        UserError.OnIo($"cannot write {path}", () =>
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(folder);
            // A unique name: several writers (parallel packs, two runs) never share a temporary file.
            var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{PartialSuffix}");
            try
            {
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                    write(file);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }, subject);
}
