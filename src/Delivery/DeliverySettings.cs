using System.Security.Cryptography.X509Certificates;
using JuniperFts.Domain;
using JuniperFts.Scheduling;
using MimeKit;

namespace JuniperFts.Delivery;

/// <summary>What a subscription delivers: the names of web.md's <c>Report</c> key.</summary>
public static class DeliveryReport
{
    /// <summary>A quarter's review packs, after the review-packs job.</summary>
    public const string ReviewPacks = "review-packs";
    /// <summary>The same reviews as editable PowerPoint decks, after the review-packs job.</summary>
    public const string ReviewDecks = "review-decks";
    /// <summary>A quarter's leadership SLA workbook, after the review-packs job.</summary>
    public const string SlaWorkbook = "sla-workbook";
    /// <summary>The statements and summary workbook of a true-up run that issued statements.</summary>
    public const string TrueUp = "trueup";

    /// <summary>Every report a subscription may name.</summary>
    public static IReadOnlyList<string> All { get; } = [ReviewPacks, ReviewDecks, SlaWorkbook, TrueUp];

    /// <summary>The reports made per account, which <c>service-managers</c> may receive (each their own accounts').</summary>
    public static bool PerAccount(string report) => report is ReviewPacks or ReviewDecks;
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
    public string AfterJob => Report == DeliveryReport.TrueUp ? JobNames.TrueUp : JobNames.ReviewPacks;
}

/// <summary>The <c>Delivery</c> configuration section of web.md, read and checked once at start-up (the host binds it).</summary>
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

    /// <summary>The lower-case hex SHA-256 of a certificate, the form <c>CertificateSha256</c> holds.</summary>
    public static string Fingerprint(X509Certificate certificate) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData()));
}
