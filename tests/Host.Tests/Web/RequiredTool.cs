namespace JuniperFts.Host.Tests.Web;

/// <summary>An executable a test shells out to: found on PATH, or a failure in one line saying what to install (never a skip).</summary>
public static class RequiredTool
{
    /// <summary>What to install for <c>node</c> and <c>npm</c>, the OpenID provider's runtime.</summary>
    public const string NodeJs = "install Node.js with npm (Debian: apt-get install nodejs npm; ./test.sh does it when apt-get is there)";

    /// <summary>The full path of <paramref name="name"/> on PATH.</summary>
    /// <exception cref="InvalidOperationException">Not on PATH; the message says what to install.</exception>
    public static string Find(string name, string install)
    {
        string[] extensions = OperatingSystem.IsWindows() ? ["", .. (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD").Split(';')] : [""];
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var extension in extensions)
                if (Path.Combine(folder, name + extension) is var path && File.Exists(path))
                    return path;
        throw new InvalidOperationException($"{name} is not on PATH: {install}");
    }
}
