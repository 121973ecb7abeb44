using System.Globalization;
using System.Net;
using System.Text;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports;
using NodaTime;

namespace JuniperFts.Host.Web.Pages;

/// <summary>A column of a page table: its header, whether it holds numbers (right-aligned), and an optional sort key for sortable tables.</summary>
public sealed record Column(string Header, bool Numeric = false, string? SortKey = null);

/// <summary>One cell: text (encoded), or markup already encoded (links); an optional class (the target colours).</summary>
public readonly record struct Cell(string Markup, string? Class = null)
{
    public static implicit operator Cell(string? text) => Text(text);
    public static Cell Text(string? text, string? cls = null) => new(Html.Encode(text ?? ""), cls);
    public static Cell Link(string href, string text, string? cls = null) => new($"<a href=\"{Html.Encode(href)}\">{Html.Encode(text)}</a>", cls);
}

/// <summary>Writing the portal's pages: every value encoded, times and percentages as people write them.</summary>
public static class Html
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An instant in UTC to the minute, as a person writes it: <c>2026-10-01 02:33 UTC</c>.</summary>
    public static string Utc(Instant? instant) => instant is { } i ? i.InUtc().ToString("uuuu'-'MM'-'dd HH':'mm", CultureInfo.InvariantCulture) + " UTC" : "";

    /// <summary>A percentage with two decimals (<c>71.43 %</c>), or an en dash when there is none.</summary>
    public static string Pct(decimal? value) => value is { } v ? Figures.Percent(v) : "–";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => Figures.Count(value);

    /// <summary>Seconds as hours and minutes (<c>1 h 05 min</c>, <c>20 min</c>, <c>45 s</c>).</summary>
    public static string Duration(long? seconds)
    {
        if (seconds is not { } s) return "–";
        if (s < 60) return $"{s} s";
        var minutes = (s + 59) / 60;
        return minutes < 60 ? $"{minutes} min" : $"{minutes / 60} h {minutes % 60:00} min";
    }

    /// <summary>The colour class of an attainment against the goals: good, near, bad, none.</summary>
    public static string Band(AttainmentGoals goals, decimal? attainment) => SlaEndpoints.Rating(goals.BandOf(attainment));

    /// <summary>A query string from the non-empty values (each encoded), with the leading <c>?</c>.</summary>
    public static string Query(params (string Name, string? Value)[] values)
    {
        var parts = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>A table with a caption (its accessible name); headers of sortable columns link to the sorted page.</summary>
    public static void Table(StringBuilder html, string id, string caption, IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<Cell>> rows,
        string? empty = null, Func<Column, string>? sortLink = null, (string Key, bool Descending)? sorted = null)
    {
        html.Append($"<table id=\"{id}\"><caption>{Encode(caption)}</caption><thead><tr>");
        foreach (var c in columns)
        {
            var aria = sorted is { } s && s.Key == c.SortKey ? $" aria-sort=\"{(s.Descending ? "descending" : "ascending")}\"" : "";
            var cls = c.Numeric ? " class=\"num\"" : "";
            var header = c.SortKey is not null && sortLink is not null ? $"<a href=\"{Encode(sortLink(c))}\">{Encode(c.Header)}</a>" : Encode(c.Header);
            html.Append($"<th scope=\"col\"{cls}{aria}>{header}</th>");
        }
        html.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var cls = string.Join(' ', new[] { columns[i].Numeric ? "num" : null, row[i].Class }.Where(x => x is not null));
                html.Append(cls.Length > 0 ? $"<td class=\"{cls}\">" : "<td>").Append(row[i].Markup).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (!any && empty is not null) html.Append($"<p class=\"muted\">{Encode(empty)}</p>");
    }

    /// <summary>A chart drawn on the server (an SVG document), inline, named for screen readers; its figures are in the table that follows it.</summary>
    public static void Chart(StringBuilder html, string svg, string label)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var body = start < 0 ? svg : svg[start..];
        html.Append($"<figure class=\"chart\" role=\"img\" aria-label=\"{Encode(label)}\">")
            .Append(body)
            .Append("</figure>");
    }
}
