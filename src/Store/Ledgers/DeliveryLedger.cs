using NodaTime;

namespace JuniperFts.Store.Ledgers;

/// <summary>One attempt to deliver a subscription's reports of a period to one recipient, as the ledger holds it.</summary>
/// <param name="Recipient">A lower-case e-mail address or a folder's full path.</param>
/// <param name="ServerReply">The SMTP server's last reply (or the folder's error); null before the attempt ends.</param>
public sealed record DeliveryAttempt(
    long AttemptId, string Subscription, string Report, string PeriodKey, string Recipient, int Attempt, string Trigger,
    Instant StartedAt, Instant? FinishedAt, string Status, IReadOnlyList<string> Files, string? MessageId, string? ServerReply);

/// <summary>What the ledger knows about one recipient of one subscription and period.</summary>
public readonly record struct RecipientHistory(bool Delivered, int Attempts, Instant? DeliveredAt);

/// <summary>Statuses of a delivery attempt.</summary>
public static class DeliveryStatus
{
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>An account as delivery addresses it: its name and its service manager's e-mail (lower-case; null when none).</summary>
public sealed record AccountContact(string AccountId, string Name, string? ServiceManagerEmail);

/// <summary>
/// Every statement scheduled delivery runs against the warehouse: the delivery ledger (tables
/// <c>delivery_attempts</c> and <c>delivery_successes</c> of migration 007) and the accounts' contacts.
/// </summary>
/// <remarks>
/// A delivery is recorded by inserting into <c>delivery_successes</c>, whose primary key (subscription, period,
/// recipient) makes a second delivery impossible even if two senders raced past the checks.
/// </remarks>
public sealed class DeliveryLedger(Warehouse warehouse)
{
    /// <summary>The history of every recipient of <paramref name="subscription"/> for <paramref name="periodKey"/>, by recipient.</summary>
    public IReadOnlyDictionary<string, RecipientHistory> Histories(string subscription, string periodKey)
    {
        using var c = warehouse.Connect();
        return c.Query("""
            SELECT a.recipient, count(*), count(s.attempt_id) > 0, max(a.finished_at) FILTER (WHERE a.status = 'delivered')
            FROM delivery_attempts a
            LEFT JOIN delivery_successes s ON s.attempt_id = a.attempt_id
            WHERE a.subscription = $sub AND a.period_key = $key
            GROUP BY a.recipient
            """, r => (Recipient: r.Text(0), History: new RecipientHistory(r.Bool(2), (int)r.Long(1), r.InstantOrNull(3))),
            ("sub", subscription), ("key", periodKey))
            .ToDictionary(x => x.Recipient, x => x.History, StringComparer.Ordinal);
    }

    /// <summary>Records the start of an attempt of <paramref name="subscription"/> (which delivers <paramref name="report"/>), committed before anything is sent; returns its id.</summary>
    public long Start(string subscription, string report, string periodKey, string recipient, int attempt, string trigger, Instant startedAt,
        IReadOnlyList<string> files, string? messageId)
    {
        using var c = warehouse.Connect();
        return c.Scalar<long>("""
            INSERT INTO delivery_attempts (subscription, report, period_key, recipient, attempt, run_trigger, started_at, status, files, message_id)
            VALUES ($sub, $report, $key, $recipient, $attempt, $trigger, $at, 'sending', $files, $mid) RETURNING attempt_id
            """, ("sub", subscription), ("report", report), ("key", periodKey), ("recipient", recipient), ("attempt", attempt),
            ("trigger", trigger), ("at", startedAt), ("files", files.Count == 0 ? null : string.Join('\n', files)), ("mid", messageId));
    }

    /// <summary>Marks attempt <paramref name="attemptId"/> delivered; false (and the attempt failed) when its recipient already had a delivery.</summary>
    public bool Delivered(long attemptId, Instant finishedAt, string? serverReply)
    {
        using var c = warehouse.Connect();
        using var tx = c.BeginTransaction();
        try
        {
            c.Execute("""
                INSERT INTO delivery_successes (subscription, period_key, recipient, attempt_id)
                SELECT subscription, period_key, recipient, attempt_id FROM delivery_attempts WHERE attempt_id = $id
                """, ("id", attemptId));
            Finish(c, attemptId, DeliveryStatus.Delivered, finishedAt, serverReply);
            tx.Commit();
            return true;
        }
        catch (Exception e) when (WarehouseConnection.IsDuplicateKey(e))
        {
            tx.Rollback();
            Failed(attemptId, finishedAt, "this recipient already had a delivery for this period");
            return false;
        }
    }

    /// <summary>Marks attempt <paramref name="attemptId"/> failed with the server's reply.</summary>
    public void Failed(long attemptId, Instant finishedAt, string serverReply)
    {
        using var c = warehouse.Connect();
        Finish(c, attemptId, DeliveryStatus.Failed, finishedAt, serverReply);
    }

    /// <summary>Marks attempts left "sending" by a stopped process as failed (they count as tries); returns how many.</summary>
    public int AbandonUnfinished(Instant now)
    {
        using var c = warehouse.Connect();
        return c.Execute("""
            UPDATE delivery_attempts SET status = 'failed', finished_at = $at, server_reply = 'interrupted: the process stopped during the send'
            WHERE status = 'sending'
            """, ("at", now));
    }

    /// <summary>The most recent <paramref name="limit"/> attempts, newest first.</summary>
    public IReadOnlyList<DeliveryAttempt> Recent(int limit) =>
        Query($"SELECT * FROM delivery_attempts ORDER BY started_at DESC, attempt_id DESC LIMIT {limit}");

    /// <summary>Every attempt of <paramref name="subscription"/>, oldest first.</summary>
    public IReadOnlyList<DeliveryAttempt> Attempts(string subscription) =>
        Query("SELECT * FROM delivery_attempts WHERE subscription = $sub ORDER BY attempt_id", ("sub", subscription));

    /// <summary>Every attempt of the latest period each subscription was delivered for (by start of its latest attempt), oldest first.</summary>
    public IReadOnlyList<DeliveryAttempt> LatestPeriodPerSubscription() => Query("""
        SELECT * FROM delivery_attempts a
        WHERE period_key = (SELECT b.period_key FROM delivery_attempts b WHERE b.subscription = a.subscription
                            ORDER BY b.started_at DESC, b.attempt_id DESC LIMIT 1)
        ORDER BY attempt_id
        """);

    /// <summary>Every account's name and service manager e-mail, by account id (ordinal).</summary>
    public IReadOnlyList<AccountContact> Accounts()
    {
        using var c = warehouse.Connect();
        var list = c.Query("SELECT account_id, name, lower(trim(service_manager_email)) FROM accounts",
            r => new AccountContact(r.Text(0), r.TextOrNull(1) ?? r.Text(0), r.TextOrNull(2) is { Length: > 0 } email ? email : null));
        list.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        return list;
    }

    private List<DeliveryAttempt> Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var c = warehouse.Connect();
        return c.Query("""
            SELECT attempt_id, subscription, report, period_key, recipient, attempt, run_trigger, started_at, finished_at,
                   status, files, message_id, server_reply FROM (
            """ + sql + ")",
            r => new DeliveryAttempt(
                r.Long(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6), r.Instant(7), r.InstantOrNull(8), r.Text(9),
                r.TextOrNull(10)?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [], r.TextOrNull(11), r.TextOrNull(12)), parameters);
    }

    private static void Finish(WarehouseConnection c, long attemptId, string status, Instant at, string? reply) =>
        c.Execute("UPDATE delivery_attempts SET status = $status, finished_at = $at, server_reply = $reply WHERE attempt_id = $id",
            ("status", status), ("at", at), ("reply", reply), ("id", attemptId));
}
