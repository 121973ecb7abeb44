using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.IO;
using NodaTime;

namespace JuniperFts.Delivery;

/// <summary>
/// The e-mail to one recipient: a plain, readable HTML body with a text alternative, in the readers' words (which accounts,
/// which quarter, the attainment figure, what is attached, where the portal is), the files attached, a Message-Id and a Date.
/// </summary>
/// <remarks>
/// No tracking: no remote images, no rewritten links, no per-reader tokens. A message that would be larger than
/// <see cref="SmtpSettings.MaxMessageBytes"/> lists its files, their size and where they are instead of attaching them.
/// </remarks>
public static class DeliveryMessage
{
    /// <summary>Builds the message of <paramref name="recipient"/>; <paramref name="testSendTo"/> makes it a test send to that address instead.</summary>
    public static MimeMessage Compose(Subscription subscription, ReportDocuments reports, RecipientFiles recipient, SmtpSettings smtp, string? portalUrl,
        Instant now, string? testSendTo = null)
    {
        // Base64 makes attachments a third larger: when that alone is over the cap, do not load the files at all.
        var encoded = recipient.Files.Sum(f => new FileInfo(f.Path).Length) * 4 / 3;
        if (encoded <= smtp.MaxMessageBytes)
        {
            var attached = Build(subscription, reports, recipient, smtp, portalUrl, now, testSendTo, attach: true);
            if (Size(attached) <= smtp.MaxMessageBytes) return attached;
        }
        return Build(subscription, reports, recipient, smtp, portalUrl, now, testSendTo, attach: false);
    }

    /// <summary>The Message-Id of the delivery of <paramref name="periodKey"/> to <paramref name="recipient"/>: the same on every try,
    /// so a resend after an interruption is recognisable as the same message.</summary>
    public static string MessageId(string subscription, string periodKey, string recipient, MailboxAddress from)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscription}\n{periodKey}\n{recipient}")))[..24];
        return $"fts.{periodKey}.{hash}@{from.Domain}";
    }

    /// <summary>The size of <paramref name="message"/> as it goes over the wire, in bytes.</summary>
    public static long Size(MimeMessage message)
    {
        using var measure = new MeasuringStream();
        message.WriteTo(FormatOptions.Default, measure);
        return measure.Length;
    }

    private static MimeMessage Build(Subscription subscription, ReportDocuments reports, RecipientFiles recipient, SmtpSettings smtp, string? portalUrl,
        Instant now, string? testSendTo, bool attach)
    {
        var message = new MimeMessage();
        message.From.Add(smtp.From);
        if (smtp.ReplyTo is { } replyTo) message.ReplyTo.Add(replyTo);
        message.To.Add(MailboxAddress.Parse(testSendTo ?? recipient.Address));
        message.Date = now.ToDateTimeOffset();
        message.MessageId = testSendTo is null
            ? MessageId(subscription.Name, reports.PeriodKey, recipient.Address, smtp.From)
            : MimeKit.Utils.MimeUtils.GenerateMessageId(smtp.From.Domain);
        message.Subject = (testSendTo is null ? "" : "[test] ") + Subject(reports, recipient);

        var text = new StringBuilder();
        var html = new StringBuilder();
        void Paragraph(string line)
        {
            text.Append(line).Append("\n\n");
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>\n");
        }
        void List(IEnumerable<string> lines)
        {
            html.Append("<ul>\n");
            foreach (var line in lines)
            {
                text.Append("- ").Append(line).Append('\n');
                html.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>\n");
            }
            text.Append('\n');
            html.Append("</ul>\n");
        }

        if (testSendTo is not null)
            Paragraph($"This is a test send of the subscription \"{subscription.Name}\", as {recipient.Address} would receive it. It is not recorded as a delivery.");
        Paragraph("Hello,");
        Paragraph(Opening(reports, recipient, attach));
        if (reports.Headline is { } headline) Paragraph(headline);

        var totalBytes = recipient.Files.Sum(f => new FileInfo(f.Path).Length);
        if (attach)
            List(recipient.Files.Select(f => $"{f.Name}: {f.Description}"));
        else
        {
            Paragraph($"The files are too large to attach together ({Megabytes(totalBytes)}; messages from this service carry at most " +
                      $"{Megabytes(smtp.MaxMessageBytes)}). They are on the reporting server{(portalUrl is null ? "" : ", and the portal serves them")}:");
            List(recipient.Files.Select(f => $"{f.Name} ({Megabytes(new FileInfo(f.Path).Length)}): {f.Description}. On the server: {f.Path}" +
                                          (portalUrl is not null && f.PortalPath is not null ? $". In the portal: {portalUrl}{f.PortalPath}" : "")));
        }
        if (reports.Details.Count > 0) List(reports.Details);

        if (portalUrl is not null)
        {
            text.Append("Every figure, for this and earlier periods, is in the portal: ").Append(portalUrl).Append("\n\n");
            html.Append("<p>Every figure, for this and earlier periods, is in the portal: <a href=\"").Append(WebUtility.HtmlEncode(portalUrl)).Append("\">")
                .Append(WebUtility.HtmlEncode(portalUrl)).Append("</a></p>\n");
        }
        Paragraph($"You receive this message because you are a recipient of the JuniperFts subscription \"{subscription.Name}\". " +
                  "Reply to this message to reach the people who run it.");

        var body = new BodyBuilder
        {
            TextBody = text.ToString().TrimEnd() + "\n",
            HtmlBody = "<!doctype html>\n<html><body style=\"font-family: sans-serif; font-size: 14px; line-height: 1.4\">\n" + html + "</body></html>\n",
        };
        if (attach)
            foreach (var file in recipient.Files)
                body.Attachments.Add(file.Path);
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Subject(ReportDocuments reports, RecipientFiles recipient) => reports.Report switch
    {
        DeliveryReport.ReviewPacks => recipient.Files.Count <= 3
            ? $"Review packs {reports.PeriodKey}: {string.Join(", ", recipient.Files.Select(f => f.AccountId))}"
            : $"Review packs {reports.PeriodKey}: {recipient.Files.Count} accounts",
        DeliveryReport.ReviewDecks => recipient.Files.Count <= 3
            ? $"Review decks {reports.PeriodKey}: {string.Join(", ", recipient.Files.Select(f => f.AccountId))}"
            : $"Review decks {reports.PeriodKey}: {recipient.Files.Count} accounts",
        DeliveryReport.SlaWorkbook => $"SLA workbook {reports.PeriodKey}",
        _ => $"True-up statements for {reports.PeriodLabel}",
    };

    private static string Opening(ReportDocuments reports, RecipientFiles recipient, bool attach)
    {
        var verb = attach ? "attached" : "ready";
        return reports.Report switch
        {
            DeliveryReport.ReviewPacks when recipient.Files.Count == 1 => $"The review-meeting pack for {reports.PeriodLabel} is {verb}:",
            DeliveryReport.ReviewPacks => $"The review-meeting packs for {reports.PeriodLabel} are {verb}, one PDF per account:",
            DeliveryReport.ReviewDecks when recipient.Files.Count == 1 => $"The review deck for {reports.PeriodLabel} is {verb}, to edit and present:",
            DeliveryReport.ReviewDecks => $"The review decks for {reports.PeriodLabel} are {verb}, one editable PowerPoint per account:",
            DeliveryReport.SlaWorkbook => $"The SLA workbook for {reports.PeriodLabel} is {verb}.",
            _ => $"The true-up statements for {reports.PeriodLabel} and the run's summary workbook are {verb}.",
        };
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
