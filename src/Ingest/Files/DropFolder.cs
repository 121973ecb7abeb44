using JuniperFts.Domain;

namespace JuniperFts.Ingest.Files;

/// <summary>The input files found in a drop folder: <c>NAME.csv</c> or <c>NAME.xlsx</c> for each of the nine files.</summary>
/// <remarks>File names match case-insensitively; other files are ignored; a file present as both csv and xlsx is an error.</remarks>
public sealed record DropFolder(string Path, IReadOnlyList<(InputFile File, string Path)> Files)
{
    /// <summary>Finds the input files in <paramref name="folder"/>; a missing, unreadable or empty folder is a <see cref="UserError"/>.</summary>
    public static DropFolder Find(string folder)
    {
        var full = System.IO.Path.GetFullPath(folder);
        if (File.Exists(full)) throw new UserError($"{folder} is a file, not a drop folder");
        if (!Directory.Exists(full)) throw new UserError($"drop folder {folder} does not exist");
        var names = UserError.OnIo($"cannot read the drop folder {folder}", () => Directory.GetFiles(full));

        var found = new List<(InputFile, string)>();
        foreach (var file in InputFiles.All)
        {
            var matches = names.Where(n =>
                string.Equals(System.IO.Path.GetFileName(n), file.Name + ".csv", StringComparison.OrdinalIgnoreCase) ||
                string.Equals(System.IO.Path.GetFileName(n), file.Name + ".xlsx", StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (matches.Count > 1)
                throw new UserError($"drop folder {folder} holds {file.Name} twice ({string.Join(" and ", matches.Select(System.IO.Path.GetFileName))}); keep one");
            if (matches.Count == 1) found.Add((file, matches[0]));
        }
        if (found.Count == 0)
            throw new UserError($"drop folder {folder} holds none of the input files ({string.Join(", ", InputFiles.All.Select(f => f.Name + ".csv"))}, or .xlsx)");
        return new DropFolder(full, found);
    }

    /// <summary>A reader of the right kind for <paramref name="path"/>, its header already checked.</summary>
    public static IInputReader Open(string path, InputFile file) =>
        path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? new XlsxInputReader(path, file) : new CsvInputReader(path, file);

    /// <summary>Opens a file for reading; a missing or unreadable file is a <see cref="UserError"/> naming it.</summary>
    public static FileStream OpenRead(string path)
    {
        return UserError.OnIo($"cannot read {path}",
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
    }
}
