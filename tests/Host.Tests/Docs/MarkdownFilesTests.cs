using System.Text.RegularExpressions;

namespace JuniperFts.Host.Tests.Docs;

/// <summary>
/// The README and docs/ are the project's front door: a merge that drops a code fence turns the rest of a page
/// into one code block, and a left-over conflict marker or a link to a moved file or a renamed heading misleads the
/// reader, so CI fails on them.
/// </summary>
public partial class MarkdownFilesTests
{
    [Fact]
    public void RepositoryMarkdown_FencesPairNoConflictMarkerLinksAndHeadingsResolve()
    {
        var root = RepositoryRoot();
        var files = MarkdownFiles(root);
        Assert.Contains(Path.Combine(root, "README.md"), files);
        Assert.Contains(files, f => Path.GetDirectoryName(f) == Path.Combine(root, "docs"));

        var problems = files
            .SelectMany(f => MarkdownCheck.Problems(File.ReadAllText(f), target => Linked(f, target))
                .Select(p => $"{Path.GetRelativePath(root, f)}:{p.Line}: {p.Message}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("# T\n\n```bash\nls\n```\n\ntext\n", "")]
    [InlineData("```\na\n```\n~~~\nb\n~~~\n", "")]
    [InlineData("````md\n```\ninner\n```\n````\n", "")] // a longer fence holds a shorter one
    [InlineData("  ```\nindented up to three spaces\n  ```\n", "")]
    [InlineData("    ```\nfour spaces: indented code, not a fence\n", "")]
    [InlineData("Title\n=======\n", "")] // a setext heading, not a conflict
    [InlineData("| a |\n| b |\nsrc/Forecast   weekly\n```\n\nEach feature\n", "4: code fence ``` is never closed")] // the README of issue 26
    [InlineData("```\na\n~~~\n", "1: code fence ``` is never closed")]
    [InlineData("```\na\n```bash\n", "1: code fence ``` is never closed")] // a closing fence takes no info string
    [InlineData("text\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n", "2: merge-conflict marker '<<<<<<<'\n4: merge-conflict marker '======='\n6: merge-conflict marker '>>>>>>>'")]
    [InlineData("see [the notes](missing.md) and [sla](sla.md#entry-points)\n", "1: link to missing.md, which is not there")]
    [InlineData("[sla](sla.md#the-rules) [sla](sla.md#how-fts-clock-works) [sla](sla.md#faq-1)\n", "1: link to sla.md#the-rules: no such heading there")]
    [InlineData("# The `fts run` step (2026Q3)\n\nsee [above](#the-fts-run-step-2026q3), not [this](#run)\n", "3: link to #run: no such heading there")]
    [InlineData("## Jobs\n## Jobs\n[second](#jobs-1) [third](#jobs-2)\n", "3: link to #jobs-2: no such heading there")]
    [InlineData("# Layout\n[web](https://example.org/x.md) [top](#layout) [mail](mailto:a@b.example)\n", "")]
    [InlineData("```\n[not a link](missing.md)\n```\n", "")]
    [InlineData("`a` then [x](missing.md), but `[y](missing.md)` is code\n", "1: link to missing.md, which is not there")]
    public void Problems_PlantedMistakes_FoundOnTheirLine(string markdown, string expected)
    {
        var problems = MarkdownCheck.Problems(markdown, target => target == "sla.md" ? "## Entry points\n## How `fts clock` works\n# FAQ\n## FAQ\n" : null);

        Assert.Equal(expected, string.Join('\n', problems.Select(p => $"{p.Line}: {p.Message}")));
    }

    [Fact]
    public void RepositoryRoot_FromTheTestAssembly_HoldsTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "JuniperFts.sln")));
    }

    /// <summary>The repository's root: the nearest folder above the test assembly that holds JuniperFts.sln.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JuniperFts.sln"))) return folder.FullName;
        }
        throw new Xunit.Sdk.XunitException($"no folder above {AppContext.BaseDirectory} holds JuniperFts.sln");
    }

    /// <summary>Every markdown file of the repository, without build outputs and installed packages.</summary>
    private static List<string> MarkdownFiles(string root)
    {
        string[] skipped = ["bin", "obj", "node_modules", "TestResults", ".git"];
        return Directory.EnumerateFiles(root, "*.md", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(skipped.Contains))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The text of a linked markdown file; "" for another file or a folder that is there; null when nothing is.</summary>
    private static string? Linked(string file, string target)
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(target)));
        if (File.Exists(path)) return path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? File.ReadAllText(path) : "";
        return Directory.Exists(path) ? "" : null;
    }
}

/// <summary>
/// The mistakes a merge leaves in markdown: unpaired code fences, conflict markers, links to files that are not there
/// or to headings that are not in them (anchors as GitHub makes them).
/// </summary>
public static partial class MarkdownCheck
{
    public sealed record Problem(int Line, string Message);

    /// <summary>The problems of one markdown text.</summary>
    /// <param name="linked">The text of a relative link's markdown file ("" for any other file that is there), or null when it is not there.</param>
    public static IReadOnlyList<Problem> Problems(string markdown, Func<string, string?> linked)
    {
        var problems = new List<Problem>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        (int Line, char Char, int Length, string Text)? open = null;
        var inConflict = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;
            foreach (var marker in new[] { "<<<<<<<", "|||||||", ">>>>>>>" })
            {
                if (line.StartsWith(marker, StringComparison.Ordinal) && (line.Length == 7 || line[7] == ' '))
                {
                    problems.Add(new(number, $"merge-conflict marker '{marker}'"));
                    inConflict = marker != ">>>>>>>";
                }
            }
            // ======= alone is also a setext heading's underline: a conflict only between the other markers.
            if (line == "=======" && inConflict) problems.Add(new(number, "merge-conflict marker '======='"));

            var fence = Fence().Match(line);
            if (open is { } o)
            {
                // CommonMark: closed by the same character, at least as long, with nothing after it.
                if (fence.Success && fence.Groups["fence"].Value[0] == o.Char && fence.Groups["fence"].Length >= o.Length
                    && fence.Groups["info"].Value.Trim().Length == 0)
                    open = null;
                continue;
            }
            if (fence.Success)
            {
                var f = fence.Groups["fence"].Value;
                open = (number, f[0], f.Length, f);
                continue;
            }
            foreach (Match link in Link().Matches(InlineCode().Replace(line, "")))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains(':', StringComparison.Ordinal)) continue; // a URL, mailto:
                var (file, anchor) = target.IndexOf('#') is var hash and >= 0 ? (target[..hash], target[(hash + 1)..]) : (target, "");
                var text = file.Length == 0 ? markdown : linked(file);
                if (text is null) problems.Add(new(number, $"link to {file}, which is not there"));
                else if (anchor.Length > 0 && (file.Length == 0 || file.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) && !Anchors(text).Contains(anchor))
                    problems.Add(new(number, $"link to {target}: no such heading there"));
            }
        }
        if (open is { } unclosed) problems.Add(new(unclosed.Line, $"code fence {unclosed.Text} is never closed"));
        return problems.OrderBy(p => p.Line).ToList();
    }

    /// <summary>The anchors of a text's headings as GitHub makes them: lower case, punctuation dropped, spaces as
    /// hyphens, and -1, -2 … after a repeated one.</summary>
    public static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var fence = "";
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var f = Fence().Match(line);
            if (f.Success && (fence.Length == 0 || (f.Groups["fence"].Value.StartsWith(fence, StringComparison.Ordinal) && f.Groups["info"].Value.Trim().Length == 0)))
            {
                fence = fence.Length == 0 ? f.Groups["fence"].Value : "";
                continue;
            }
            if (fence.Length > 0 || Heading().Match(line) is not { Success: true } heading) continue;
            var text = LinkText().Replace(heading.Groups["text"].Value, "$1").Replace("`", "", StringComparison.Ordinal).ToLowerInvariant();
            var slug = NotInAnchor().Replace(text, "").Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{slug}-{n}";
        }
        return anchors;
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.*?)(\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex NotInAnchor();

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    /// <summary>An inline link's target.</summary>
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex InlineCode();
}
