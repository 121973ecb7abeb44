using JuniperFts.Delivery;
using JuniperFts.Domain;
using Microsoft.Extensions.Configuration;

namespace JuniperFts.Host.Settings;

/// <summary>Binds the <c>Delivery</c> section into <see cref="DeliverySettings"/>.</summary>
public static class DeliverySection
{
    /// <summary>Reads and validates the <c>Delivery</c> section.</summary>
    /// <exception cref="UserError">One line naming the key and what is wrong with it.</exception>
    public static DeliverySettings Bind(IConfiguration configuration)
    {
        var section = SettingReader.Of(configuration, "Delivery");
        var subscriptions = new List<Subscription>();
        foreach (var entry in section.Children("Subscriptions"))
            subscriptions.Add(ReadSubscription(section.Section($"Subscriptions:{entry.Key}"), subscriptions));

        SmtpSettings? smtp = null;
        if (section.Text("Smtp:Host") is not null)
            smtp = ReadSmtp(section.Section("Smtp"));
        else if (subscriptions.FirstOrDefault(s => s.Folder is null) is { } mailing)
            throw new UserError($"Delivery:Smtp:Host is missing, and subscription '{mailing.Name}' sends e-mail");

        var portal = section.Text("PortalUrl");
        if (portal is not null && (!Uri.TryCreate(portal, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw section.Problem("PortalUrl", $"'{portal}' is not an http:// or https:// address");

        return new DeliverySettings(smtp, subscriptions, portal?.TrimEnd('/'),
            section.Whole("Retries", 2, 0, 10),
            TimeSpan.FromSeconds(section.Whole("RetryDelaySeconds", 30, 0, 3600)));
    }

    private static Subscription ReadSubscription(SettingReader entry, List<Subscription> earlier)
    {
        var where = entry.Path;
        var name = entry.Text("Name");
        if (name is null) throw new UserError($"{where}:Name is missing");
        if (earlier.Any(s => s.Name == name)) throw entry.Problem("Name", $"'{name}' is the name of another subscription too");

        var report = entry.Choice<string?>("Report", null, [.. DeliveryReport.All.Select(r => (r, (string?)r))])
            ?? throw entry.Problem("Report", $"'' is not {string.Join(", ", DeliveryReport.All.SkipLast(1))} or {DeliveryReport.All[^1]}");

        var to = new List<string>();
        foreach (var child in entry.Children("To"))
        {
            var value = child.Value?.Trim() ?? "";
            if (value == Subscription.ServiceManagers)
            {
                if (!DeliveryReport.PerAccount(report))
                    throw entry.Problem($"To:{child.Key}", $"'{Subscription.ServiceManagers}' goes with Report review-packs or review-decks only (service managers receive their own accounts' packs or decks)");
            }
            else if (!SettingReader.TryEmail(value, out var address))
                throw entry.Problem($"To:{child.Key}", $"'{value}' is not an e-mail address or '{Subscription.ServiceManagers}'");
            else value = address.Address.ToLowerInvariant();
            if (!to.Contains(value)) to.Add(value);
        }

        var folder = entry.Text("Folder");
        if ((folder is null) == (to.Count == 0))
            throw new UserError($"{where}: give either To (e-mail addresses or '{Subscription.ServiceManagers}') or Folder, not {(folder is null ? "neither" : "both")}");
        folder = entry.FullPath("Folder", null);

        var stamped = entry.Flag("Timestamp", false);
        if (stamped && folder is null)
            throw new UserError($"{where}:Timestamp goes with Folder (file names in a shared folder); e-mail attachments keep their names");
        return new Subscription(name, report, to, folder, stamped);
    }

    private static SmtpSettings ReadSmtp(SettingReader smtp)
    {
        var host = smtp.Text("Host")!;
        var security = smtp.Choice("Security", SmtpSecurity.StartTls, ("none", SmtpSecurity.None), ("starttls", SmtpSecurity.StartTls), ("tls", SmtpSecurity.Tls));
        var port = smtp.Whole("Port", security == SmtpSecurity.Tls ? 465 : security == SmtpSecurity.StartTls ? 587 : 25, 1, 65535);

        var user = smtp.Text("User");
        // The password is taken as written: spaces may be part of it.
        var password = smtp.Raw("Password");
        if (user is not null && string.IsNullOrEmpty(password))
            throw new UserError("Delivery:Smtp:Password is missing: Delivery:Smtp:User is set (leave both out for a server without login)");
        if (user is null && !string.IsNullOrEmpty(password))
            throw new UserError("Delivery:Smtp:User is missing: Delivery:Smtp:Password is set");
        // Credentials over plain text would let anyone on the path read them.
        if (user is not null && security == SmtpSecurity.None)
            throw smtp.Problem("Security", "'none' would send Delivery:Smtp:User's password in clear text; use starttls or tls");

        var from = smtp.Email("From") ?? throw new UserError("Delivery:Smtp:From is missing (e.g. \"JuniperFts <fts@vendor.example>\")");
        var replyTo = smtp.Email("ReplyTo");

        var megabytes = smtp.Whole("MaxMessageMegabytes", DeliverySettings.DefaultMaxMessageMegabytes, 1, 1024);
        var fingerprint = smtp.Text("CertificateSha256")?.Replace(":", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(fingerprint)) fingerprint = null;
        else if (fingerprint.Length != 64 || !fingerprint.All(Uri.IsHexDigit))
            throw new UserError("Delivery:Smtp:CertificateSha256 is not 64 hexadecimal characters (the SHA-256 fingerprint of the server's certificate)");
        var timeout = smtp.Whole("TimeoutSeconds", 60, 1, 600);

        return new SmtpSettings(host, port, security, user, password, from, replyTo, megabytes * 1024L * 1024L,
            fingerprint?.ToLowerInvariant(), TimeSpan.FromSeconds(timeout));
    }
}
