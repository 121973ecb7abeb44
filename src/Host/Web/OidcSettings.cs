using System.Net;
using System.Text.Json;
using JuniperFts.Domain;
using JuniperFts.Host.Settings;
using Microsoft.Extensions.Configuration;

namespace JuniperFts.Host.Web;

/// <summary>The <c>Portal:Oidc</c> section of web.md: sign-in with the company's identity provider, read and checked once at start-up.</summary>
/// <param name="Authority">The provider's issuer; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</param>
/// <param name="ClientSecret">Empty for a public client (the code flow still uses PKCE).</param>
/// <param name="RoleValues">Per role, the claim values (group names or ids, app roles) that grant it.</param>
/// <param name="SessionLifetime">How long a sign-in lasts before the person goes through the provider again.</param>
public sealed record OidcSettings(
    Uri Authority, string ClientId, string ClientSecret, IReadOnlyList<string> Scopes,
    string NameClaim, string EmailClaim, string RoleClaim,
    IReadOnlyDictionary<PortalRole, IReadOnlySet<string>> RoleValues, TimeSpan SessionLifetime)
{
    /// <summary>The roles in the order web.md gives them precedence: the first whose values appear wins.</summary>
    public static IReadOnlyList<PortalRole> Precedence { get; } = [PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance];

    /// <summary>True when the provider is on this machine (the only case where http is accepted).</summary>
    public bool IsLoopback => Authority.IsLoopback || (IPAddress.TryParse(Authority.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The role granted by the role claim's values, or null when none of them is mapped.</summary>
    /// <param name="claimValues">Each value of the role claim; a value may itself be a JSON array of strings (some providers send lists that way).</param>
    public PortalRole? RoleOf(IEnumerable<string> claimValues)
    {
        var values = claimValues.SelectMany(Flatten).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var role in Precedence)
            if (RoleValues.TryGetValue(role, out var granting) && granting.Any(values.Contains)) return role;
        return null;
    }

    /// <summary>One claim value as the values it holds: a JSON array's strings, else the value itself.</summary>
    private static IEnumerable<string> Flatten(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith('[')) return trimmed.Length == 0 ? [] : [trimmed];
        try
        {
            using var json = JsonDocument.Parse(trimmed);
            return json.RootElement.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!.Trim())
                .Where(s => s.Length > 0)
                .ToList();
        }
        catch (JsonException)
        {
            return [trimmed];
        }
    }

    /// <summary>Reads and checks <c>Portal:Oidc</c>; null when the section is absent (bearer tokens only).</summary>
    /// <exception cref="UserError">One line naming the key that is wrong.</exception>
    public static OidcSettings? Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Portal:Oidc");
        if (!section.Exists()) return null;

        var clientId = section["ClientId"]?.Trim() ?? "";
        if (clientId.Length == 0)
            throw new UserError("Portal:Oidc:ClientId is missing: the client (application) id the identity provider gave the portal (see docs/service.md)");

        var authorityText = section["Authority"]?.Trim() ?? "";
        if (!Uri.TryCreate(authorityText, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            throw new UserError($"Portal:Oidc:Authority: '{authorityText}' is not an https:// address of the identity provider (e.g. https://login.vendor.example/realms/staff)");

        var scopes = section.GetSection("Scopes").GetChildren().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0).ToList();
        if (scopes.Count == 0) scopes = ["openid", "profile", "email"];
        if (!scopes.Contains("openid"))
            throw new UserError("Portal:Oidc:Scopes: must include openid");

        var roles = new Dictionary<PortalRole, IReadOnlySet<string>>();
        foreach (var entry in section.GetSection("Roles").GetChildren())
        {
            var role = PortalUsers.Parse(entry.Key)
                ?? throw new UserError($"Portal:Oidc:Roles:{entry.Key}: not a role; the roles are leadership, service_manager and finance");
            // One value (Roles:finance=fts-finance) or a list (Roles:finance:0=…).
            IEnumerable<string> listed = entry.Value is { } single ? [single] : entry.GetChildren().Select(v => v.Value ?? "");
            var values = listed
                .Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (values.Count > 0) roles[role] = values;
        }
        if (roles.Count == 0)
            throw new UserError("Portal:Oidc:Roles: no role is mapped; list the group or app-role values that grant leadership, service_manager or finance (e.g. Portal__Oidc__Roles__leadership__0=fts-leadership)");

        var hours = SettingReader.Of(configuration, "Portal:Oidc").Number("SessionHours", 8.0, h => h is > 0 and <= 24 * 30, "a number of hours between 0 and 720");

        var settings = new OidcSettings(
            authority, clientId, section["ClientSecret"]?.Trim() ?? "", scopes,
            Claim(section, "NameClaim", "name"), Claim(section, "EmailClaim", "email"), Claim(section, "RoleClaim", "groups"),
            roles, TimeSpan.FromHours(hours));
        if (authority.Scheme != "https" && !settings.IsLoopback)
            throw new UserError($"Portal:Oidc:Authority: '{authorityText}' is not https; only a provider on this machine (localhost, 127.0.0.1, ::1) may use http");
        return settings;
    }

    private static string Claim(IConfigurationSection section, string key, string fallback) =>
        section[key]?.Trim() is { Length: > 0 } name ? name : fallback;
}
