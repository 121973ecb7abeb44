using System.Security.Cryptography;
using System.Text;
using JuniperFts.Domain;
using Microsoft.Extensions.Configuration;

namespace JuniperFts.Host.Web;

/// <summary>The roles of web.md's table.</summary>
public enum PortalRole
{
    /// <summary>Every SLA figure and workbook, every review pack, true-up statements, the run ledger.</summary>
    Leadership,
    /// <summary>SLA figures, workbooks and review packs of their own accounts only.</summary>
    ServiceManager,
    /// <summary>True-up statements; SLA summaries without case detail.</summary>
    Finance,
}

/// <summary>A configured portal user.</summary>
/// <param name="Accounts">The accounts a service manager manages when configured; null: those whose service manager e-mail is <see cref="Email"/>.</param>
public sealed record PortalUser(string Name, string Email, PortalRole Role, IReadOnlySet<string>? Accounts)
{
    /// <summary>The role as written in configuration and answers.</summary>
    public string RoleCode => PortalUsers.Code(Role);
}

/// <summary>The users of <c>Portal:Users</c>; finds the user a bearer token belongs to by its SHA-256 hash.</summary>
/// <remarks>Only hashes are held. Every lookup compares against every user in constant time so the answer time says nothing about how close a guess was.</remarks>
public sealed class PortalUsers
{
    private readonly (byte[] Hash, PortalUser User)[] _users;

    private PortalUsers((byte[], PortalUser)[] users) => _users = users;

    /// <summary>The configured users, in configuration order.</summary>
    public IReadOnlyList<PortalUser> All => _users.Select(u => u.User).ToList();

    /// <summary>The user whose token hashes to a configured hash, or null.</summary>
    public PortalUser? Find(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        PortalUser? found = null;
        foreach (var (candidate, user) in _users)
            if (CryptographicOperations.FixedTimeEquals(hash, candidate)) found ??= user;
        return found;
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="token"/>, the form <c>TokenSha256</c> holds.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The configuration spelling of <paramref name="role"/>.</summary>
    public static string Code(PortalRole role) => role switch
    {
        PortalRole.Leadership => "leadership",
        PortalRole.ServiceManager => "service_manager",
        PortalRole.Finance => "finance",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The role a configuration spelling names, or null.</summary>
    public static PortalRole? Parse(string? code) => code switch
    {
        "leadership" => PortalRole.Leadership,
        "service_manager" => PortalRole.ServiceManager,
        "finance" => PortalRole.Finance,
        _ => null,
    };

    /// <summary>Reads and validates <c>Portal:Users</c>.</summary>
    /// <param name="optional">True when people sign in through <c>Portal:Oidc</c>: tokens are then only for automation and may be none.</param>
    /// <exception cref="UserError">One line naming the user entry and what is wrong with it.</exception>
    public static PortalUsers Load(IConfiguration configuration, bool optional = false)
    {
        var entries = configuration.GetSection("Portal:Users").GetChildren().ToList();
        if (entries.Count == 0 && !optional)
            throw new UserError("Portal:Users: no users are configured; add at least one with Name, Email, Role and TokenSha256, or configure Portal:Oidc (see docs/service.md)");

        var users = new List<(byte[], PortalUser)>();
        foreach (var entry in entries)
        {
            var where = $"Portal:Users:{entry.Key}";
            var name = entry["Name"];
            if (string.IsNullOrWhiteSpace(name)) throw new UserError($"{where}:Name is missing");
            var email = entry["Email"]?.Trim() ?? "";
            var role = Parse(entry["Role"]) ?? throw new UserError($"{where}:Role: '{entry["Role"]}' is not leadership, service_manager or finance");
            if (role == PortalRole.ServiceManager && email.Length == 0 && !entry.GetSection("Accounts").Exists())
                throw new UserError($"{where}: a service_manager needs an Email or Accounts to know which accounts are theirs");
            var hex = entry["TokenSha256"]?.Trim() ?? "";
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
                throw new UserError($"{where}:TokenSha256 is not 64 hexadecimal characters (the SHA-256 of the token; see docs/service.md)");
            var hash = Convert.FromHexString(hex);
            if (users.Any(u => CryptographicOperations.FixedTimeEquals(u.Item1, hash)))
                throw new UserError($"{where}:TokenSha256 is the same as another user's; give each user a token of their own");
            IReadOnlySet<string>? accounts = entry.GetSection("Accounts").Exists()
                ? entry.GetSection("Accounts").GetChildren().Select(a => a.Value?.Trim() ?? "").Where(a => a.Length > 0).ToHashSet(StringComparer.Ordinal)
                : null;
            users.Add((hash, new PortalUser(name.Trim(), email, role, accounts)));
        }
        return new PortalUsers(users.ToArray());
    }
}
