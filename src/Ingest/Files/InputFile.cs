namespace JuniperFts.Ingest.Files;

/// <summary>How a column's text is read and checked.</summary>
public enum ColumnKind
{
    Text,
    /// <summary>Lower-cased so that keys and joins ignore case.</summary>
    Email,
    /// <summary>ISO 3166-1 alpha-2, upper-cased; checked against the embargo list.</summary>
    Country,
    /// <summary><c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary>ISO 8601 with an offset or Z, stored as UTC.</summary>
    Instant,
    /// <summary>A decimal amount, rounded to cents half away from zero.</summary>
    Money,
    /// <summary><c>true</c>/<c>false</c>; empty is false.</summary>
    Flag,
    Priority,
    Sku,
    SupportCentre,
    Platform,
    /// <summary><c>;</c>-separated platforms.</summary>
    Platforms,
    Exclusion,
    EventKind,
}

/// <summary>One column of an input file: its header name, how it is read and whether it may be empty.</summary>
public sealed record InputColumn(string Name, ColumnKind Kind, bool Required);

/// <summary>A check of a row against rows already accepted (of this batch or earlier ones), done in SQL.</summary>
/// <param name="Columns">Columns of this file that must match <paramref name="TargetColumns"/> of a row of <paramref name="TargetTable"/>.</param>
public sealed record ReferenceCheck(RejectReason Reason, IReadOnlyList<string> Columns, string TargetTable, IReadOnlyList<string> TargetColumns, string What);

/// <summary>One of the nine input files of a drop folder: its columns, key, range rules and references.</summary>
/// <param name="Name">The file name without extension, also the table it loads into.</param>
/// <param name="Ranges">Pairs (start, end) where an end before its start is <c>bad_range</c>.</param>
public sealed record InputFile(
    string Name,
    IReadOnlyList<InputColumn> Columns,
    IReadOnlyList<string> Key,
    IReadOnlyList<(string Start, string End)> Ranges,
    IReadOnlyList<ReferenceCheck> References)
{
    public string Table => Name;

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return i;
        throw new ArgumentException($"{Name} has no column {column}", nameof(column));
    }
}

/// <summary>The input files of domain.md, in the order their references are checked.</summary>
public static class InputFiles
{
    private static InputColumn Req(string name, ColumnKind kind = ColumnKind.Text) => new(name, kind, true);
    private static InputColumn Opt(string name, ColumnKind kind = ColumnKind.Text) => new(name, kind, false);

    private static ReferenceCheck KnownAccount => new(RejectReason.UnknownAccount, ["account_id"], "accounts", ["account_id"], "account");
    private static ReferenceCheck KnownSiteOfAccount => new(RejectReason.UnknownSite, ["site_id", "account_id"], "sites", ["site_id", "account_id"], "site of account");

    public static InputFile Accounts { get; } = new("accounts",
        [Req("account_id"), Req("name"), Req("country", ColumnKind.Country), Opt("service_manager_email", ColumnKind.Email)],
        ["account_id"], [], []);

    public static InputFile Sites { get; } = new("sites",
        [Req("site_id"), Req("account_id"), Req("name"), Req("country", ColumnKind.Country), Opt("primary_contact_email", ColumnKind.Email)],
        ["site_id"], [], [KnownAccount]);

    public static InputFile Contracts { get; } = new("contracts",
        [Req("contract_id"), Req("account_id"), Req("site_id"), Req("sku", ColumnKind.Sku), Req("support_center", ColumnKind.SupportCentre),
         Req("start_date", ColumnKind.Date), Req("end_date", ColumnKind.Date), Req("currency"), Opt("co_term", ColumnKind.Flag)],
        ["contract_id"], [("start_date", "end_date")], [KnownAccount, KnownSiteOfAccount]);

    public static InputFile InstalledBase { get; } = new("installed_base",
        [Req("serial_number"), Req("contract_id"), Req("model"), Req("platform", ColumnKind.Platform), Req("covered_from", ColumnKind.Date),
         Opt("covered_to", ColumnKind.Date), Req("annual_fee", ColumnKind.Money), Opt("end_of_support", ColumnKind.Date), Opt("gray_market", ColumnKind.Flag)],
        ["serial_number", "contract_id"], [("covered_from", "covered_to")],
        [new(RejectReason.UnknownContract, ["contract_id"], "contracts", ["contract_id"], "contract")]);

    public static InputFile Representatives { get; } = new("representatives",
        [Req("account_id"), Req("name"), Req("email", ColumnKind.Email), Opt("certification")],
        ["account_id", "email"], [], [KnownAccount]);

    public static InputFile Engineers { get; } = new("engineers",
        [Req("engineer_id"), Req("name"), Opt("email", ColumnKind.Email), Req("support_center", ColumnKind.SupportCentre), Opt("platforms", ColumnKind.Platforms)],
        ["engineer_id"], [], []);

    public static InputFile Cases { get; } = new("cases",
        [Req("case_number"), Req("account_id"), Req("site_id"), Opt("serial_number"), Req("priority", ColumnKind.Priority),
         Req("created_at", ColumnKind.Instant), Opt("first_response_at", ColumnKind.Instant), Opt("resolved_at", ColumnKind.Instant),
         Opt("exclusion", ColumnKind.Exclusion), Opt("engineer_id"), Opt("title")],
        ["case_number"], [("created_at", "first_response_at"), ("created_at", "resolved_at")], [KnownAccount, KnownSiteOfAccount]);

    public static InputFile CaseEvents { get; } = new("case_events",
        [Req("case_number"), Req("at", ColumnKind.Instant), Req("kind", ColumnKind.EventKind), Opt("value")],
        ["case_number", "at", "kind"], [], [new(RejectReason.UnknownCase, ["case_number"], "cases", ["case_number"], "case")]);

    public static InputFile Holidays { get; } = new("holidays",
        [Req("support_center", ColumnKind.SupportCentre), Req("date", ColumnKind.Date), Opt("name")],
        ["support_center", "date"], [], []);

    /// <summary>Every input file in dependency order: a file's references come before it.</summary>
    public static IReadOnlyList<InputFile> All { get; } =
        [Accounts, Sites, Contracts, InstalledBase, Representatives, Engineers, Cases, CaseEvents, Holidays];

    /// <summary>The four platforms of the installed base, in their canonical spelling.</summary>
    public static IReadOnlyList<string> Platforms { get; } = ["Routing", "Switching", "Security", "Software"];

    /// <summary>The exclusions a case may carry.</summary>
    public static IReadOnlyList<string> Exclusions => Domain.Sla.ExclusionReasons.CaseExclusions;

    /// <summary>The kinds of case events.</summary>
    public static IReadOnlyList<string> EventKinds { get; } = ["priority_changed", "awaiting_customer", "customer_responded", "reopened"];
}
