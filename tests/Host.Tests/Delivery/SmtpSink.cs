using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JuniperFts.Store.Tests.Support;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary>A real SMTP server (the SmtpServer library) on a loopback port, keeping every message it accepts.</summary>
/// <remarks>
/// Optional: a certificate for STARTTLS (or TLS from the first byte), a required login, and recipients it refuses
/// with 550 a given number of times before accepting them.
/// </remarks>
public sealed class SmtpSink : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentDictionary<string, int> _refusalsLeft = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="certificate">Offered for STARTTLS, or for TLS on connect when <paramref name="implicitTls"/>.</param>
    /// <param name="login">When set, the only user and password accepted, and a login is required.</param>
    public SmtpSink(X509Certificate2? certificate = null, bool implicitTls = false, (string User, string Password)? login = null)
    {
        // Port 0: the listener binds whatever port is free and reports it, so no other process can take it in between.
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)).IsSecure(implicitTls);
                if (certificate is not null) e.Certificate(certificate);
                if (login is not null) e.AuthenticationRequired(true).AllowUnsecureAuthentication(false);
            })
            .Build();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (login is { } l) services.Add(new SmtpServer.Authentication.DelegatingUserAuthenticator((user, password) => user == l.User && password == l.Password));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
        if (!listening.Task.Wait(Waiting.Limit))
            throw new InvalidOperationException($"waited {Waiting.Limit.TotalSeconds:0} s for the SMTP server to listen, in vain {_running.Exception}");
        Port = listening.Task.Result;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Every accepted message with the envelope recipients it was accepted for, in arrival order.</summary>
    public ConcurrentQueue<(IReadOnlyList<string> To, MimeMessage Message)> Received { get; } = new();

    /// <summary>RCPT TO commands the server refused, by address.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Refuses <paramref name="address"/> with 550 the next <paramref name="times"/> times it is a recipient.</summary>
    public void Refuse(string address, int times = int.MaxValue) => _refusalsLeft[address] = times;

    /// <summary>The messages delivered to <paramref name="address"/> (envelope recipient).</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(r => r.To.Contains(address, StringComparer.OrdinalIgnoreCase)).Select(r => r.Message).ToList();

    /// <summary>The attachment file names of <paramref name="message"/>.</summary>
    public static IReadOnlyList<string> Attachments(MimeMessage message) =>
        message.Attachments.Select(a => a.ContentDisposition?.FileName ?? a.ContentType.Name ?? "").ToList();

    /// <summary>A self-signed certificate for <c>localhost</c>, made in the test (nothing on disk).</summary>
    public static X509Certificate2 TestCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Export and re-import so SslStream on Linux gets a certificate with a usable private key.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _running.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream);
            sink.Received.Enqueue((transaction.To.Select(m => m.AsAddress()).ToList(), message));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            if (sink._refusalsLeft.TryGetValue(address, out var left) && left > 0)
            {
                sink._refusalsLeft[address] = left - 1;
                sink.Refused.Enqueue(address);
                return Task.FromResult(false);
            }
            return Task.FromResult(true);
        }
    }
}
