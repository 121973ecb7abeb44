using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store.Tests.Support;
using static JuniperFts.Host.Tests.Delivery.DeliveryData;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary>STARTTLS and TLS with a certificate made in the test, and a login, against a real SMTP server on loopback.</summary>
public sealed class SecureSmtpTests : IDisposable
{
    private readonly TempWarehouse _store = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = SmtpSink.TestCertificate();

    public SecureSmtpTests() => Seed(_store);

    public void Dispose()
    {
        _certificate.Dispose();
        _store.Dispose();
    }

    private Dictionary<string, string?> Secure(SmtpSink smtp, string security, bool pin = true)
    {
        var settings = Config(_store, smtp.Port);
        settings["Delivery:Smtp:Host"] = "localhost";
        settings["Delivery:Smtp:Security"] = security;
        settings["Delivery:Smtp:User"] = "fts";
        settings["Delivery:Smtp:Password"] = "s3cret-relay";
        if (pin) settings["Delivery:Smtp:CertificateSha256"] = DeliverySettings.Fingerprint(_certificate);
        return settings;
    }

    [Fact]
    public void Deliver_StartTlsWithLogin_DeliversOverTheUpgradedConnection()
    {
        using var smtp = new SmtpSink(_certificate, login: ("fts", "s3cret-relay"));

        var run = Deliver(_store, Secure(smtp, "starttls"), "--subscription", "workbook-to-leadership", "--period", "2026Q3");

        Assert.Equal(0, run.Exit);
        Assert.Equal(["sla-2026Q3.xlsx"], SmtpSink.Attachments(Assert.Single(smtp.To(Leadership))));
    }

    [Fact]
    public void Deliver_ImplicitTls_Delivers()
    {
        using var smtp = new SmtpSink(_certificate, implicitTls: true, login: ("fts", "s3cret-relay"));

        var run = Deliver(_store, Secure(smtp, "tls"), "--subscription", "workbook-to-leadership", "--period", "2026Q3");

        Assert.Equal(0, run.Exit);
        Assert.Single(smtp.To(Leadership));
    }

    [Fact]
    public void Deliver_UntrustedCertificateWithoutPin_FailsAndRecordsWhy()
    {
        using var smtp = new SmtpSink(_certificate, login: ("fts", "s3cret-relay"));
        var settings = Secure(smtp, "starttls", pin: false);
        settings["Delivery:Retries"] = "0";

        var run = Deliver(_store, settings, "--subscription", "workbook-to-leadership", "--period", "2026Q3");

        Assert.Equal(1, run.Exit);
        Assert.Empty(smtp.Received);
        var attempt = Assert.Single(new DeliveryLedger(_store.Warehouse).Attempts("workbook-to-leadership"));
        Assert.Equal(DeliveryStatus.Failed, attempt.Status);
        Assert.Equal($"localhost:{smtp.Port}: TLS failed: the server's certificate (SHA-256 {DeliverySettings.Fingerprint(_certificate)}) is not trusted here " +
                     "and is not the one in Delivery:Smtp:CertificateSha256", attempt.ServerReply);
    }

    [Fact]
    public void Deliver_WrongPassword_FailsWithTheServersReply()
    {
        using var smtp = new SmtpSink(_certificate, login: ("fts", "another-password"));

        var run = Deliver(_store, Secure(smtp, "starttls"), "--subscription", "workbook-to-leadership", "--period", "2026Q3");

        Assert.Equal(1, run.Exit);
        Assert.Empty(smtp.Received);
        Assert.Contains($"{Leadership}: failed after 3 tries: localhost:{smtp.Port}: ", run.Out);
    }
}
