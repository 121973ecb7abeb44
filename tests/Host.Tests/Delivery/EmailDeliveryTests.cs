using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store.Tests.Support;
using MimeKit;
using UglyToad.PdfPig;
using static JuniperFts.Host.Tests.Delivery.DeliveryData;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary><c>fts deliver</c> against a real SMTP server on a loopback port, reading back what arrived.</summary>
public sealed class EmailDeliveryTests : IDisposable
{
    private readonly TempWarehouse _store = new();
    private readonly SmtpSink _smtp = new();
    private readonly Dictionary<string, string?> _settings;

    public EmailDeliveryTests()
    {
        Seed(_store);
        _settings = Config(_store, _smtp.Port);
    }

    public void Dispose()
    {
        _smtp.Dispose();
        _store.Dispose();
    }

    [Fact]
    public void Deliver_ServiceManagers_EachGetsOneMessageWithTheirOwnAccountsPacksOnly()
    {
        var run = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");

        Assert.Equal(0, run.Exit);
        Assert.Equal(2, _smtp.Received.Count);
        var sm1 = Assert.Single(_smtp.To(Sm1));
        var sm2 = Assert.Single(_smtp.To(Sm2));
        Assert.Equal(["review-pack-A0001-2026Q3.pdf", "review-pack-A0003-2026Q3.pdf"], SmtpSink.Attachments(sm1));
        Assert.Equal(["review-pack-A0002-2026Q3.pdf"], SmtpSink.Attachments(sm2));
        // Each attached PDF is that account's pack, not a copy of someone else's.
        foreach (var (message, accounts) in new[] { (sm1, new[] { "A0001", "A0003" }), (sm2, ["A0002"]) })
            foreach (var (part, account) in message.Attachments.OfType<MimePart>().Zip(accounts))
            {
                using var pdf = new MemoryStream();
                part.Content!.DecodeTo(pdf);
                using var document = PdfDocument.Open(pdf.ToArray());
                var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
                Assert.Contains(account, string.Join(" ", words));
                Assert.DoesNotContain(accounts.Contains("A0002") ? "A0001" : "A0002", words);
            }
        Assert.Contains("review-pack-A0004-2026Q3.pdf: nobody (account A0004 has no service_manager_email)", run.Out);
    }

    [Fact]
    public void Deliver_ReviewDecksToServiceManagers_EachGetsTheirOwnAccountsDecksOnceByTheLedger()
    {
        _settings["Delivery:Subscriptions:4:Name"] = "decks-to-managers";
        _settings["Delivery:Subscriptions:4:Report"] = "review-decks";
        _settings["Delivery:Subscriptions:4:To:0"] = "service-managers";

        var run = Deliver(_store, _settings, "--subscription", "decks-to-managers", "--period", "2026Q3");
        var again = Deliver(_store, _settings, "--subscription", "decks-to-managers", "--period", "2026Q3");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(0, again.Exit);
        Assert.Equal(2, _smtp.Received.Count);
        var sm1 = Assert.Single(_smtp.To(Sm1));
        Assert.Equal(["review-deck-A0001-2026Q3.pptx", "review-deck-A0003-2026Q3.pptx"], SmtpSink.Attachments(sm1));
        Assert.Equal(["review-deck-A0002-2026Q3.pptx"], SmtpSink.Attachments(Assert.Single(_smtp.To(Sm2))));
        Assert.StartsWith("Review decks 2026Q3: A0001, A0003", sm1.Subject);
        var deck = new MemoryStream();
        sm1.Attachments.OfType<MimePart>().First().Content!.DecodeTo(deck);
        Assert.Contains(Reports.Tests.ReviewDeck.DeckReader.Read(deck.ToArray()).SelectMany(s => s.Texts), t => t.Contains("(A0001)", StringComparison.Ordinal));
    }

    [Fact]
    public void Deliver_Message_IsReadableWithTextAlternativeHeadersAndNoTracking()
    {
        Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");
        var message = Assert.Single(_smtp.To(Sm1));

        Assert.Equal("fts@vendor.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("sla-team@vendor.example", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Review packs 2026Q3: A0001, A0003", message.Subject);
        Assert.EndsWith("@vendor.example", message.MessageId);
        Assert.Equal(Ingest.Fts.Clock.GetCurrentInstant().ToDateTimeOffset(), message.Date);
        var text = message.TextBody!;
        var html = message.HtmlBody!;
        Assert.Contains("2026Q3 (1 July 2026 to 30 September 2026)", text);
        Assert.Contains("review-pack-A0001-2026Q3.pdf: Customer 1 (A0001): first-response attainment 50.00 % (1 met, 1 breached)", text);
        Assert.Contains("review-pack-A0003-2026Q3.pdf: Customer 3 (A0003): first-response attainment 50.00 % (1 met, 1 breached)", text);
        Assert.Contains("https://fts.vendor.example", text);
        Assert.Contains("<li>review-pack-A0001-2026Q3.pdf: Customer 1 (A0001): first-response attainment 50.00 %", html);
        Assert.Contains("<a href=\"https://fts.vendor.example\">", html);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, html.Split("href=").Length - 1); // the portal link, nothing else to click or fetch
    }

    [Fact]
    public void Deliver_SecondRun_SendsNothing()
    {
        var first = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");
        var second = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");

        Assert.Equal(0, second.Exit);
        Assert.Equal(2, _smtp.Received.Count);
        Assert.Contains($"{Sm1}: delivered (review-pack-A0001-2026Q3.pdf, review-pack-A0003-2026Q3.pdf)", first.Out);
        Assert.Contains($"{Sm1}: already delivered 2026-11-25T12:00:00Z, not sent again", second.Out);
        Assert.Contains($"{Sm2}: already delivered", second.Out);
        Assert.Equal(2L, _store.Scalar<long>("SELECT count(*) FROM delivery_successes"));
    }

    [Fact]
    public void Deliver_RefusedOnce_RecordedWithTheReplyAndRetriedWhileTheOtherIsDelivered()
    {
        _smtp.Refuse(Sm1, times: 1);

        var run = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");

        Assert.Equal(0, run.Exit);
        Assert.Equal([Sm1], _smtp.Refused);
        Assert.Single(_smtp.To(Sm1));
        Assert.Single(_smtp.To(Sm2));
        Assert.Contains($"{Sm1}: delivered (review-pack-A0001-2026Q3.pdf, review-pack-A0003-2026Q3.pdf) on try 2", run.Out);
        var attempts = new DeliveryLedger(_store.Warehouse).Attempts("packs-to-managers").Where(a => a.Recipient == Sm1).ToList();
        Assert.Equal([(1, "failed"), (2, "delivered")], attempts.Select(a => (a.Attempt, a.Status)));
        Assert.StartsWith("550 ", attempts[0].ServerReply);
        Assert.Equal(attempts[0].MessageId, attempts[1].MessageId); // a retry is the same message
    }

    [Fact]
    public void Deliver_AlwaysRefused_StopsAfterItsTriesAndNeverAgainWhileTheOtherIsDeliveredOnce()
    {
        _smtp.Refuse(Sm2);

        var first = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");
        var second = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");

        Assert.Equal(1, first.Exit);
        Assert.Equal(1, second.Exit);
        Assert.Equal(3, _smtp.Refused.Count); // Delivery:Retries defaults to 2: three tries in all, over both runs
        Assert.Single(_smtp.To(Sm1));
        Assert.Empty(_smtp.To(Sm2));
        Assert.Matches($@"{Sm2}: failed after 3 tries: 550 ", first.Out);
        Assert.Contains($"{Sm2}: failed after 3 tries: no tries left", second.Out);
    }

    [Fact]
    public void Deliver_OverTheSizeCap_ListsTheFilesAndWhereTheyAreInsteadOfAttaching()
    {
        // A pack of 1.5 MB already where the review-packs job writes it; the cap is 1 MB.
        var folder = Path.Combine(_store.PathOf("out"), "review-packs", "2026Q3");
        Directory.CreateDirectory(folder);
        var big = Path.Combine(folder, "review-pack-A0002-2026Q3.pdf");
        File.WriteAllBytes(big, new byte[1536 * 1024]);
        _settings["Delivery:Smtp:MaxMessageMegabytes"] = "1";

        Assert.Equal(0, Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3").Exit);

        var sm2 = Assert.Single(_smtp.To(Sm2));
        Assert.Empty(sm2.Attachments);
        Assert.Contains("The files are too large to attach together (1.5 MB; messages from this service carry at most 1.0 MB)", sm2.TextBody);
        Assert.Contains($"review-pack-A0002-2026Q3.pdf (1.5 MB): Customer 2 (A0002): first-response attainment 100.00 % (1 met, 0 breached). " +
                        $"On the server: {big}. In the portal: https://fts.vendor.example/api/accounts/A0002/review-pack.pdf?quarter=2026Q3", sm2.TextBody);
        Assert.Equal(2, SmtpSink.Attachments(Assert.Single(_smtp.To(Sm1))).Count); // under the cap: attached
    }

    [Fact]
    public void Deliver_DryRun_ListsWhoGetsWhichFilesAndSendsNothing()
    {
        var run = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3", "--dry-run");

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            [
                $"{Sm1}: would get review-pack-A0001-2026Q3.pdf, review-pack-A0003-2026Q3.pdf",
                $"{Sm2}: would get review-pack-A0002-2026Q3.pdf",
                "review-pack-A0004-2026Q3.pdf: nobody (account A0004 has no service_manager_email)",
            ], run.Out.TrimEnd().Split('\n'));
        Assert.Empty(_smtp.Received);
        Assert.Equal(0L, _store.Scalar<long>("SELECT count(*) FROM delivery_attempts"));
    }

    [Fact]
    public void Deliver_To_IsATestSendThatIsNotRecorded()
    {
        var test = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3", "--to", "me@vendor.example");
        var real = Deliver(_store, _settings, "--subscription", "packs-to-managers", "--period", "2026Q3");

        Assert.Equal(0, test.Exit);
        var tests = _smtp.To("me@vendor.example");
        Assert.Equal(2, tests.Count);
        Assert.All(tests, m => Assert.StartsWith("[test] Review packs 2026Q3", m.Subject));
        Assert.Contains($"as {Sm1} would receive it. It is not recorded as a delivery.", tests[0].TextBody + tests[1].TextBody);
        Assert.Single(_smtp.To(Sm1)); // the test did not count as sm1's delivery
        Assert.Contains($"{Sm1}: delivered", real.Out);
    }

    [Fact]
    public void Deliver_Workbook_BuildsTheQuarterWorkbookWhenMissingAndSendsIt()
    {
        var run = Deliver(_store, _settings, "--subscription", "workbook-to-leadership", "--period", "2026Q3");

        Assert.Equal(0, run.Exit);
        var message = Assert.Single(_smtp.To(Leadership));
        Assert.Equal("SLA workbook 2026Q3", message.Subject);
        Assert.Contains("Across all accounts in 2026Q3: first-response attainment 60.00 % (3 met, 2 breached).", message.TextBody);
        var part = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("sla-2026Q3.xlsx", part.FileName);
        using var xlsx = new MemoryStream();
        part.Content!.DecodeTo(xlsx);
        using var workbook = new ClosedXML.Excel.XLWorkbook(xlsx);
        Assert.Contains(workbook.Worksheets, w => w.Name.Contains("Summary", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Deliver_TrueUp_ManyStatementsGoInOneZipBesideTheSummaryWorkbook()
    {
        var run = Deliver(_store, _settings, "--subscription", "trueup-to-finance", "--period", "2025-12-31");

        Assert.Equal(0, run.Exit);
        var message = Assert.Single(_smtp.To(Finance));
        Assert.Equal(["trueup-summary-2025-12-31.xlsx", "trueup-statements-2025-12-31.zip"], SmtpSink.Attachments(message));
        Assert.Contains("4 true-up statements were issued for contract years ending on or before 2025-12-31.", message.TextBody);
        Assert.Contains("TU-C-1001-1: contract C-1001, year 1 (2025-01-01 to 2025-12-31), additions USD ", message.TextBody);
        using var zip = new MemoryStream();
        ((MimePart)message.Attachments.Last()).Content!.DecodeTo(zip);
        using var archive = new System.IO.Compression.ZipArchive(zip);
        Assert.Equal(12, archive.Entries.Count);
        Assert.Contains(archive.Entries, e => e.Name == "TU-C-1004-1.pdf");
    }

    [Fact]
    public void Deliver_TrueUpWithNothingIssued_SaysSoAndSendsNothing()
    {
        var run = Deliver(_store, _settings, "--subscription", "trueup-to-finance", "--period", "2025-06-30");

        Assert.Equal(0, run.Exit);
        Assert.Contains("trueup-to-finance 2025-06-30: nothing to deliver", run.Out);
        Assert.Empty(_smtp.Received);
    }
}
