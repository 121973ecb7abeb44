using System.Net.Security;
using JuniperFts.Domain;
using JuniperFts.Reports.Files;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Delivery;

/// <summary>A send or drop that did not happen, with the server's reply (or the file system's error) as the ledger keeps it.</summary>
public sealed class DeliveryFailure(string reply, Exception? inner = null) : Exception(reply, inner)
{
    /// <summary>The server's reply ("550 5.1.1 mailbox unavailable") or what went wrong.</summary>
    public string Reply { get; } = reply;

    /// <summary>The SMTP status code that starts <paramref name="reply"/> ("550"); null when no server answered (connection, folder).</summary>
    public static string? CodeOf(string? reply) => reply is { Length: >= 3 } && reply[..3].All(char.IsAsciiDigit) ? reply[..3] : null;
}

/// <summary>
/// One SMTP session through MailKit, opened on the first message and reused for the next, so a round of deliveries
/// logs in once. A refused recipient leaves the session usable; a broken connection is reopened for the next message.
/// </summary>
public sealed class SmtpMailer(SmtpSettings settings) : IAsyncDisposable
{
    private SmtpClient? _client;

    /// <summary>Sends <paramref name="message"/>; returns the server's reply to it.</summary>
    /// <exception cref="DeliveryFailure">The server refused it or could not be reached; <see cref="DeliveryFailure.Reply"/> says how.</exception>
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellation)
    {
        try
        {
            var client = await ConnectedAsync(cancellation);
            return await client.SendAsync(message, cancellation);
        }
        catch (SmtpCommandException e)
        {
            // The server answered with an error (e.g. a refused recipient); MailKit has reset the transaction, the session stays.
            throw new DeliveryFailure($"{(int)e.StatusCode} {e.Message}".Trim(), e);
        }
        catch (SslHandshakeException e)
        {
            await CloseAsync();
            var fingerprint = e.ServerCertificate is { } certificate ? DeliverySettings.Fingerprint(certificate) : "unknown";
            throw new DeliveryFailure($"{settings.Host}:{settings.Port}: TLS failed: the server's certificate (SHA-256 {fingerprint}) is not trusted here " +
                                      "and is not the one in Delivery:Smtp:CertificateSha256", e);
        }
        catch (Exception e) when (e is SmtpProtocolException or AuthenticationException or IOException
                                      or System.Net.Sockets.SocketException or ServiceNotConnectedException or TimeoutException)
        {
            await CloseAsync();
            throw new DeliveryFailure($"{settings.Host}:{settings.Port}: {e.Message.Split('\n', 2)[0].Trim()}", e);
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellation)
    {
        if (_client is { IsConnected: true }) return _client;
        await CloseAsync();
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        // Accept what the machine trusts, or exactly the pinned certificate of an internal relay; nothing else.
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (settings.CertificateSha256 is { } pin && certificate is not null && DeliverySettings.Fingerprint(certificate) == pin);
        _client = client;
        var options = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host, settings.Port, options, cancellation);
        if (settings.User is { } user)
            await client.AuthenticateAsync(user, settings.Password ?? "", cancellation);
        return client;
    }

    private async Task CloseAsync()
    {
        if (_client is null) return;
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException or System.Net.Sockets.SocketException)
        {
            // The connection is gone already; there is nothing left to close politely.
        }
        _client.Dispose();
        _client = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync();
}

/// <summary>A folder target (a mounted share): each file is written under a temporary name beside its place, then moved into it.</summary>
/// <remarks>
/// The temporary name starts with a dot and ends in <see cref="ReportFile.PartialSuffix"/>, and the move is a rename in
/// the same folder, so a reader of the share sees either no file or the whole file, never half of one.
/// </remarks>
public static class FolderDrop
{
    /// <summary>Copies <paramref name="files"/> into <paramref name="folder"/>; returns the paths written.</summary>
    /// <param name="timestamp">Names carry the delivery time (<c>name-20261001T060000Z.pdf</c>); otherwise a file of the same name is replaced.</param>
    /// <exception cref="DeliveryFailure">The folder or a file cannot be written.</exception>
    public static IReadOnlyList<string> Deliver(string folder, IReadOnlyList<DeliveryFile> files, bool timestamp, Instant now)
    {
        var written = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var name = timestamp ? StampedName(file.Name, now) : file.Name;
                var target = Path.Combine(folder, name);
                ReportFile.Write(target, output =>
                {
                    using var source = File.OpenRead(file.Path);
                    source.CopyTo(output);
                });
                written.Add(target);
            }
        }
        catch (UserError e)
        {
            // ReportFile turns every I/O failure inside it (the folder, the copy, reading the source) into one naming the file.
            throw new DeliveryFailure(e.Message, e);
        }
        return written;
    }

    /// <summary><c>review-pack-A0001-2026Q3.pdf</c> delivered at 06:00:05 UTC on 1 October 2026: <c>review-pack-A0001-2026Q3-20261001T060005Z.pdf</c>.</summary>
    public static string StampedName(string name, Instant now) =>
        $"{Path.GetFileNameWithoutExtension(name)}-{InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'").Format(now)}{Path.GetExtension(name)}";
}
