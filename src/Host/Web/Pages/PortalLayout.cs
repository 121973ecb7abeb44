using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Host.Web.Pages;

/// <summary>The frame of every portal page: who is signed in, the pages their role may open, and the page's main content.</summary>
public static class PortalLayout
{
    /// <summary>The portal's pages in the navigation, with the roles that may open them.</summary>
    private static readonly (string Name, string Path, bool Quarterly, PortalRole[] Roles)[] Nav =
    [
        ("Overview", "/", true, [PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance]),
        ("Accounts", "/accounts", true, [PortalRole.Leadership, PortalRole.ServiceManager]),
        ("True-up", "/trueup", false, [PortalRole.Leadership, PortalRole.Finance]),
        ("Operations", "/operations", false, [PortalRole.Leadership]),
    ];

    /// <summary>The whole page around <paramref name="content"/>; <paramref name="current"/> is the navigation entry it belongs to.</summary>
    public static IResult Page(HttpContext http, PortalUser user, string title, string current, string? quarter, string content, int status = StatusCodes.Status200OK)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var html = new StringBuilder();
        Head(html, title);
        html.Append("<header><div class=\"brand\"><a class=\"skip\" href=\"#content\">Skip to content</a><p class=\"title\">JuniperFts <span>FTS service portal</span></p></div>");
        html.Append("<div id=\"who\"><span id=\"who-name\">").Append(Html.Encode(user.Name)).Append("</span> <span id=\"who-role\" class=\"badge\">")
            .Append(Html.Encode(user.RoleCode.Replace('_', ' '))).Append("</span>")
            .Append($"<form method=\"post\" action=\"/signout\"><input type=\"hidden\" name=\"{Html.Encode(tokens.FormFieldName)}\" value=\"{Html.Encode(tokens.RequestToken ?? "")}\">")
            .Append("<button type=\"submit\" class=\"link\">Sign out</button></form></div></header>");
        html.Append("<nav aria-label=\"Portal pages\"><ul>");
        foreach (var (name, path, quarterly, roles) in Nav.Where(n => n.Roles.Contains(user.Role)))
        {
            var href = path + (quarterly ? Html.Query(("quarter", quarter)) : "");
            html.Append($"<li><a href=\"{Html.Encode(href)}\"{(name == current ? " aria-current=\"page\"" : "")}>{name}</a></li>");
        }
        html.Append("</ul></nav>");
        html.Append($"<main id=\"portal\"><div id=\"content\" tabindex=\"-1\">{content}</div></main></body></html>");
        return Answer(http, html.ToString(), status);
    }

    /// <summary>A page for someone who may not see what they asked for (401: not signed in; 403: not theirs), with none of its data.</summary>
    public static IResult Refusal(HttpContext http, int status)
    {
        var html = new StringBuilder();
        var signIn = status == StatusCodes.Status401Unauthorized;
        Head(html, signIn ? "Sign in" : "Not allowed", script: signIn);
        html.Append("<header><div class=\"brand\"><p class=\"title\">JuniperFts <span>FTS service portal</span></p></div></header><main id=\"content\"><section class=\"card\">");
        html.Append(signIn
            ? "<h1>Sign in first</h1><p>This page shows data for signed-in people only. " +
              $"<a id=\"signin-first\" href=\"{Html.Encode("/" + Html.Query((PortalSignIn.ReturnParameter, http.Request.Path + http.Request.QueryString)))}\">Sign in</a>, " +
              "and you come back to it.</p>"
            : "<h1>Not allowed</h1><p>Your role or accounts do not allow this page. <a href=\"/\">Back to the overview</a>.</p>");
        html.Append("</section></main></body></html>");
        return Answer(http, html.ToString(), status);
    }

    /// <summary>The quarter picker of a page: the last eight quarters, the latest complete one first, plus what the page adds (grouping).</summary>
    public static void QuarterForm(StringBuilder html, Quarter selected, Instant now, string? extra = null, params (string Name, string? Value)[] hidden)
    {
        html.Append("<form method=\"get\" class=\"toolbar\"><label for=\"quarter\">Quarter</label><select id=\"quarter\" name=\"quarter\">");
        var latest = Quarter.DefaultAt(now);
        var offered = latest.Next.Trailing(8).Reverse().ToList();
        if (!offered.Contains(selected)) offered.Add(selected);
        foreach (var q in offered)
            html.Append($"<option value=\"{q}\"{(q == selected ? " selected" : "")}>{q}</option>");
        html.Append("</select>");
        if (extra is not null) html.Append(extra);
        foreach (var (name, value) in hidden.Where(h => !string.IsNullOrEmpty(h.Value)))
            html.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{Html.Encode(value!)}\">");
        html.Append("<button type=\"submit\">Show</button></form>");
    }

    /// <param name="script">The sign-in page's script: a link opened from another site arrives without the Strict cookie, and it asks again.</param>
    private static void Head(StringBuilder html, string title, bool script = false) =>
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{Html.Encode(title)} · JuniperFts</title><link rel=\"stylesheet\" href=\"/portal.css\">")
            .Append(script ? "<script src=\"/portal.js\" defer></script>" : "").Append("</head><body>");

    private static IResult Answer(HttpContext http, string html, int status)
    {
        PortalPage.Secure(http.Response);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
