using System.Globalization;
using System.Text;
using JuniperFts.Scheduling;
using JuniperFts.Domain;
using JuniperFts.Reports.TrueUp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Web.Pages;

/// <summary>Finance and leadership: the statements due by a date, issued or not, with their totals and files, and the summary workbook.</summary>
public static class TrueUpPage
{
    /// <summary>Statements listed on the page at most.</summary>
    public const int MaxRows = 300;

    public static IResult Render(HttpContext http, PortalUser user)
    {
        var services = http.RequestServices;
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var today = now.InZone(services.GetRequiredService<ServiceSettings>().Zone).Date;
        var asked = http.Request.Query["due"].ToString();
        var due = today;
        if (asked.Length > 0 && !UserInput.TryDate(asked, out due, out var problem)) return PageProblem.BadRequest(http, user, "due: " + problem);
        var statements = services.GetRequiredService<PortalFigures>().TrueUp(due, now);
        var dueText = TrueUpJson.Date(due);

        var html = new StringBuilder($"<h1>True-up <span class=\"muted\">statements due by {dueText}</span></h1>");
        html.Append("<section class=\"card\" aria-label=\"Choose the date\"><form method=\"get\" class=\"toolbar\"><label for=\"due\">Contract years ended by</label>")
            .Append($"<input type=\"date\" id=\"due\" name=\"due\" value=\"{dueText}\"><button type=\"submit\">Show</button></form></section>");

        var issued = statements.Count(s => s.Revision is not null);
        html.Append($"<section class=\"card\" aria-labelledby=\"due-title\"><h2 id=\"due-title\">{statements.Count} statement{(statements.Count == 1 ? "" : "s")} due, {issued} issued</h2>");
        html.Append($"<p><a href=\"/api/trueup/summary.xlsx?due={dueText}\">Summary workbook of these statements (.xlsx)</a> · ")
            .Append($"<a href=\"/api/trueup?due={dueText}\">All of them as JSON</a></p>");
        Html.Table(html, "totals", "Additions to charge, per currency (amounts in different currencies are never added together)",
            [new("currency"), new("statements", true), new("issued", true), new("additions total", true)],
            statements.GroupBy(s => s.Statement.Contract.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (IReadOnlyList<Cell>)[
                g.Key, Html.Count(g.Count()), Html.Count(g.Count(s => s.Revision is not null)), Money(g.Sum(s => s.Statement.AdditionsTotal), g.Key)]),
            empty: "No contract year ended by this date.");
        // The latest years first; a large estate has thousands of statements, which the workbook and the JSON hold in full.
        var shown = statements.OrderByDescending(d => d.Statement.Year.LastDay).ThenBy(d => d.Statement.Number, StringComparer.Ordinal).Take(MaxRows).ToList();
        if (shown.Count < statements.Count)
            html.Append($"<p class=\"muted\">The {MaxRows} latest of {Html.Count(statements.Count)} statements; all of them are in the summary workbook and the JSON.</p>");
        Html.Table(html, "statements", $"Statements of the contract years ended by {dueText}, the latest first",
            [new("statement"), new("account"), new("contract year"), new("additions", true), new("to charge", true), new("standing"), new("files")],
            shown.Select(d =>
            {
                var s = d.Statement;
                var path = $"/api/trueup/{Uri.EscapeDataString(s.Contract.ContractId)}/{s.Year.Number}";
                return (IReadOnlyList<Cell>)[
                    s.Number, d.AccountName, $"{s.Year.Number}: {TrueUpJson.Date(s.Year.Start)} to {TrueUpJson.Date(s.Year.LastDay)}",
                    Html.Count(s.Additions.Count), Money(s.AdditionsTotal, s.Contract.Currency), Standing(d),
                    new Cell($"<a href=\"{path}.pdf\" aria-label=\"{s.Number} as PDF\">PDF</a> <a href=\"{path}.csv\" aria-label=\"{s.Number} as CSV\">CSV</a> <a href=\"{path}.json\" aria-label=\"{s.Number} as JSON\">JSON</a>")];
            }));
        html.Append("</section>");
        return PortalLayout.Page(http, user, $"True-up {dueText}", "True-up", null, html.ToString());
    }

    private static Cell Standing(DueStatement d)
    {
        if (d.Revision is not { } revision) return Cell.Text("due, not issued yet", "near");
        var text = (d.IsReissue ? $"reissued: revision {revision}" : "issued") + $" on {Html.Utc(d.IssuedAt)}";
        if (d.ChangedSinceIssue) text += "; the data changed since (a reissue would change it)";
        return Cell.Text(text, d.IsReissue ? "reissue" : "good");
    }

    private static string Money(decimal amount, string currency) => amount.ToString("#,0.00", CultureInfo.InvariantCulture) + " " + currency;
}
