using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using JuniperFts.Domain;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace JuniperFts.Host.Delivery;

/// <summary>What a subscription delivers: the names of web.md's <c>Report</c> key.</summary>
public static class DeliveryReport
{
    /// <summary>A quarter's review packs, after the review-packs job.</summary>
    public const string ReviewPacks = "review-packs";
    /// <summary>A quarter's leadership SLA workbook, after the review-packs job.</summary>
    public const string SlaWorkbook = "sla-workbook";
    /// <summary>The statements and summary workbook of a true-up run that issued statements.</summary>
    public const string TrueUp = "trueup";

    /// <summary>Every report a subscription may name.</summary>
    public static IReadOnlyList<string> All { get; } = [ReviewPacks, SlaWorkbook, TrueUp];
}

/// <summary>How the connection to the SMTP server is secured (<c>Delivery:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same host or a trusted network).</summary>
    None,
    /// <summary>Plain connect, then STARTTLS before anything else (port 587); refused when the server cannot.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary>The SMTP server and the sender (<c>Delivery:Smtp</c>).</summary>
/// <param name="User">Null: no login.</param>
/// <param name="ReplyTo">Where answers go (default: no Reply-To, so answers go to <paramref name="From"/>).</param>
/// <param name="CertificateSha256">A server certificate accepted by its SHA-256 fingerprint even when no trusted authority signed it (an internal relay); null: the machine's trust store only.</param>
public sealed record SmtpSettings(
    string Host, int Port, SmtpSecurity Security, string? User, string? Password, MailboxAddress From, MailboxAddress? ReplyTo,
    long MaxMessageBytes, string? CertificateSha256, TimeSpan Timeout);

/// <summary>One entry of <c>Delivery:Subscriptions</c>.</summary>
/// <param name="To">Lower-case e-mail addresses and/or <see cref="Subscription.ServiceManagers"/>; empty for a folder.</param>
/// <param name="Folder">Full path of the target folder; null for e-mail.</param>
/// <param name="Timestamp">Folder only: file names carry the delivery time, so earlier deliveries stay beside them.</param>
public sealed record Subscription(string Name, string Report, IReadOnlyList<string> To, string? Folder, bool Timestamp)
{
    /// <summary>The <c>To</c> entry that stands for each account's <c>service_manager_email</c>.</summary>
    public const string ServiceManagers = "service-managers";

    /// <summary>The job after which this subscription is delivered.</summary>
    public string AfterJob => Report == DeliveryReport.TrueUp ? Service.JobNames.TrueUp : Service.JobNames.ReviewPacks;
}

/// <summary>The <c>Delivery</c> configuration section of web.md, read and checked once at start-up.</summary>
/// <param name="Smtp">Null when no subscription sends e-mail and no SMTP host is configured.</param>
/// <param name="PortalUrl">The portal's address as readers reach it, linked from every message (<c>Delivery:PortalUrl</c>); null: no link.</param>
/// <param name="Retries">Further tries of a failed delivery to one recipient (<c>Delivery:Retries</c>).</param>
public sealed record DeliverySettings(
    SmtpSettings? Smtp, IReadOnlyList<Subscription> Subscriptions, string? PortalUrl, int Retries, TimeSpan RetryDelay)
{
    /// <summary>The default of <c>MaxMessageMegabytes</c>: what most mail servers accept.</summary>
    public const int DefaultMaxMessageMegabytes = 20;

    /// <summary>Every try of one recipient: the first plus <see cref="Retries"/>.</summary>
    public int MaxAttempts => Retries + 1;

    /// <summary>No subscriptions: nothing is ever delivered.</summary>
    public static DeliverySettings None { get; } = new(null, [], null, 2, TimeSpan.Zero);

    /// <summary>The subscription named <paramref name="name"/> (ordinal, as written).</summary>
    /// <exception cref="UserError">No such subscription; the line lists those there are.</exception>
    public Subscription Find(string name) =>
        Subscriptions.FirstOrDefault(s => s.Name == name)
        ?? throw new UserError($"--subscription: no subscription '{name}' in Delivery:Subscriptions" +
            (Subscriptions.Count == 0 ? " (none is configured)" : $" (there are: {string.Join(", ", Subscriptions.Select(s => s.Name))})"));

    /// <summary>Reads and validates the <c>Delivery</c> section.</summary>
    /// <exception cref="UserError">One line naming the key and what is wrong with it.</exception>
    public static DeliverySettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Delivery");
        var subscriptions = new List<Subscription>();
        foreach (var entry in section.GetSection("Subscriptions").GetChildren())
            subscriptions.Add(ReadSubscription(entry, subscriptions));

        var smtpSection = section.GetSection("Smtp");
        SmtpSettings? smtp = null;
        if (!string.IsNullOrWhiteSpace(smtpSection["Host"]))
            smtp = ReadSmtp(smtpSection);
        else if (subscriptions.FirstOrDefault(s => s.Folder is null) is { } mailing)
            throw new UserError($"Delivery:Smtp:Host is missing, and subscription '{mailing.Name}' sends e-mail");

        var portal = section["PortalUrl"]?.Trim();
        if (string.IsNullOrEmpty(portal)) portal = null;
        else if (!Uri.TryCreate(portal, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UserError($"Delivery:PortalUrl: '{portal}' is not an http:// or https:// address");

        return new DeliverySettings(smtp, subscriptions, portal?.TrimEnd('/'),
            Whole(section, "Delivery:Retries", "Retries", 2, 0, 10),
            TimeSpan.FromSeconds(Whole(section, "Delivery:RetryDelaySeconds", "RetryDelaySeconds", 30, 0, 3600)));
    }

    private static Subscription ReadSubscription(IConfigurationSection entry, List<Subscription> earlier)
    {
        var where = $"Delivery:Subscriptions:{entry.Key}";
        var name = entry["Name"]?.Trim();
        if (string.IsNullOrEmpty(name)) throw new UserError($"{where}:Name is missing");
        if (earlier.Any(s => s.Name == name)) throw new UserError($"{where}:Name: '{name}' is the name of another subscription too");

        var report = entry["Report"]?.Trim();
        if (!DeliveryReport.All.Contains(report))
            throw new UserError($"{where}:Report: '{report}' is not {string.Join(", ", DeliveryReport.All.SkipLast(1))} or {DeliveryReport.All[^1]}");

        var to = new List<string>();
        foreach (var child in entry.GetSection("To").GetChildren())
        {
            var value = child.Value?.Trim() ?? "";
            if (value == Subscription.ServiceManagers)
            {
                if (report != DeliveryReport.ReviewPacks)
                    throw new UserError($"{where}:To:{child.Key}: '{Subscription.ServiceManagers}' goes with Report review-packs only (service managers receive their own accounts' packs)");
            }
            else if (!TryAddress(value, out var address))
                throw new UserError($"{where}:To:{child.Key}: '{value}' is not an e-mail address or '{Subscription.ServiceManagers}'");
            else value = address.Address.ToLowerInvariant();
            if (!to.Contains(value)) to.Add(value);
        }

        var folder = entry["Folder"]?.Trim();
        if (string.IsNullOrEmpty(folder)) folder = null;
        if ((folder is null) == (to.Count == 0))
            throw new UserError($"{where}: give either To (e-mail addresses or '{Subscription.ServiceManagers}') or Folder, not {(folder is null ? "neither" : "both")}");
        if (folder is not null)
        {
            try
            {
                folder = Path.GetFullPath(folder);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new UserError($"{where}:Folder: '{folder}' is not a folder path: {e.Message}");
            }
        }

        var timestamp = entry["Timestamp"]?.Trim();
        var stamped = false;
        if (!string.IsNullOrEmpty(timestamp) && !bool.TryParse(timestamp, out stamped))
            throw new UserError($"{where}:Timestamp: '{timestamp}' is not true or false");
        if (stamped && folder is null)
            throw new UserError($"{where}:Timestamp goes with Folder (file names in a shared folder); e-mail attachments keep their names");
        return new Subscription(name, report!, to, folder, stamped);
    }

    private static SmtpSettings ReadSmtp(IConfigurationSection smtp)
    {
        var host = smtp["Host"]!.Trim();
        var security = smtp["Security"]?.Trim() switch
        {
            null or "" or "starttls" => SmtpSecurity.StartTls,
            "none" => SmtpSecurity.None,
            "tls" => SmtpSecurity.Tls,
            var other => throw new UserError($"Delivery:Smtp:Security: '{other}' is not none, starttls or tls"),
        };
        var port = Whole(smtp, "Delivery:Smtp:Port", "Port", security == SmtpSecurity.Tls ? 465 : security == SmtpSecurity.StartTls ? 587 : 25, 1, 65535);

        var user = smtp["User"]?.Trim();
        if (string.IsNullOrEmpty(user)) user = null;
        var password = smtp["Password"];
        if (user is not null && string.IsNullOrEmpty(password))
            throw new UserError("Delivery:Smtp:Password is missing: Delivery:Smtp:User is set (leave both out for a server without login)");
        if (user is null && !string.IsNullOrEmpty(password))
            throw new UserError("Delivery:Smtp:User is missing: Delivery:Smtp:Password is set");
        // Credentials over plain text would let anyone on the path read them.
        if (user is not null && security == SmtpSecurity.None)
            throw new UserError("Delivery:Smtp:Security: 'none' would send Delivery:Smtp:User's password in clear text; use starttls or tls");

        var fromText = smtp["From"]?.Trim();
        if (string.IsNullOrEmpty(fromText)) throw new UserError("Delivery:Smtp:From is missing (e.g. \"JuniperFts <fts@vendor.example>\")");
        var from = Mailbox(fromText, "Delivery:Smtp:From");
        var replyTo = smtp["ReplyTo"]?.Trim() is { Length: > 0 } r ? Mailbox(r, "Delivery:Smtp:ReplyTo") : null;

        var megabytes = Whole(smtp, "Delivery:Smtp:MaxMessageMegabytes", "MaxMessageMegabytes", DefaultMaxMessageMegabytes, 1, 1024);
        var fingerprint = smtp["CertificateSha256"]?.Trim().Replace(":", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(fingerprint)) fingerprint = null;
        else if (fingerprint.Length != 64 || !fingerprint.All(Uri.IsHexDigit))
            throw new UserError("Delivery:Smtp:CertificateSha256 is not 64 hexadecimal characters (the SHA-256 fingerprint of the server's certificate)");
        var timeout = Whole(smtp, "Delivery:Smtp:TimeoutSeconds", "TimeoutSeconds", 60, 1, 600);

        return new SmtpSettings(host, port, security, user, password, from, replyTo, megabytes * 1024L * 1024L,
            fingerprint?.ToLowerInvariant(), TimeSpan.FromSeconds(timeout));
    }

    /// <summary>An e-mail address: what MimeKit parses as a mailbox and has an @ (a bare name parses too).</summary>
    internal static bool TryAddress(string? text, [NotNullWhen(true)] out MailboxAddress? address) =>
        MailboxAddress.TryParse(text, out address) && address!.Address.Contains('@');

    private static MailboxAddress Mailbox(string text, string key) =>
        TryAddress(text, out var address)
            ? address
            : throw new UserError($"{key}: '{text}' is not an e-mail address (e.g. \"JuniperFts <fts@vendor.example>\")");

    private static int Whole(IConfigurationSection section, string key, string name, int fallback, int min, int max)
    {
        var text = section[name];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new UserError($"{key}: '{text}' is not a whole number from {min} to {max}");
        return value;
    }

    /// <summary>The lower-case hex SHA-256 of a certificate, the form <c>CertificateSha256</c> holds.</summary>
    public static string Fingerprint(X509Certificate certificate) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData()));
}
