namespace JuniperFts.Domain.Reference;

/// <summary>Case priority, P1 (most urgent) to P4.</summary>
public enum Priority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}

/// <summary>Parsing and printing of priorities in the users' spelling ("P1").</summary>
public static class Priorities
{
    /// <summary>All priorities, most urgent first.</summary>
    public static IReadOnlyList<Priority> All { get; } = [Priority.P1, Priority.P2, Priority.P3, Priority.P4];

    /// <summary>Parses "P1".."P4" (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(string? text, out Priority priority)
    {
        priority = default;
        var t = text?.Trim();
        if (t is not { Length: 2 } || (t[0] != 'P' && t[0] != 'p') || t[1] < '1' || t[1] > '4')
            return false;
        priority = (Priority)(t[1] - '0');
        return true;
    }

    /// <summary>"P1".."P4".</summary>
    public static string Code(this Priority p) => "P" + (int)p;
}
