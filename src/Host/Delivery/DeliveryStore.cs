using DuckDB.NET.Data;
using JuniperFts.Ingest.Store;
using NodaTime;

namespace JuniperFts.Host.Delivery;

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
/// Every statement the delivery slice runs against the warehouse: the delivery ledger (tables
/// <c>delivery_attempts</c> and <c>delivery_successes</c> of migration 006) and the accounts' contacts.
/// </summary>
/// <remarks>
/// A delivery is recorded by inserting into <c>delivery_successes</c>, whose primary key (subscription, period,
/// recipient) makes a second delivery impossible even if two senders raced past the checks.
/// </remarks>
public sealed class DeliveryStore(Warehouse warehouse)
{
    /// <summary>The history of every recipient of <paramref name="subscription"/> for <paramref name="periodKey"/>, by recipient.</summary>
    public IReadOnlyDictionary<string, RecipientHistory> Histories(string subscription, string periodKey)
    {
        using var c = warehouse.Connect();
        using var cmd = Command(c, """
            SELECT a.recipient, count(*), max(s.attempt_id) IS NOT NULL, max(a.finished_at) FILTER (WHERE a.status = 'delivered')
            FROM delivery_attempts a
            LEFT JOIN delivery_successes s ON s.attempt_id = a.attempt_id
            WHERE a.subscription = $sub AND a.period_key = $key
            GROUP BY a.recipient
            """, ("sub", subscription), ("key", periodKey));
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<string, RecipientHistory>(StringComparer.Ordinal);
        while (r.Read())
            map[r.GetString(0)] = new RecipientHistory(r.GetBoolean(2), (int)r.GetInt64(1), r.IsDBNull(3) ? null : StoredTime.ToInstant(r.GetDateTime(3)));
        return map;
    }

    /// <summary>Records the start of an attempt (committed before anything is sent) and returns its id.</summary>
    public long Start(Subscription subscription, string periodKey, string recipient, int attempt, string trigger, Instant startedAt,
        IReadOnlyList<string> files, string? messageId)
    {
        using var c = warehouse.Connect();
        using var cmd = Command(c, """
            INSERT INTO delivery_attempts (subscription, report, period_key, recipient, attempt, run_trigger, started_at, status, files, message_id)
            VALUES ($sub, $report, $key, $recipient, $attempt, $trigger, $at, 'sending', $files, $mid) RETURNING attempt_id
            """, ("sub", subscription.Name), ("report", subscription.Report), ("key", periodKey), ("recipient", recipient), ("attempt", attempt),
            ("trigger", trigger), ("at", StoredTime.ToTimestamp(startedAt)), ("files", Lines(files)), ("mid", messageId));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Marks attempt <paramref name="attemptId"/> delivered; false (and the attempt failed) when its recipient already had a delivery.</summary>
    public bool Delivered(long attemptId, Instant finishedAt, string? serverReply)
    {
        using var c = warehouse.Connect();
        using var tx = c.BeginTransaction();
        try
        {
            using (var claim = Command(c, """
                INSERT INTO delivery_successes (subscription, period_key, recipient, attempt_id)
                SELECT subscription, period_key, recipient, attempt_id FROM delivery_attempts WHERE attempt_id = $id
                """, ("id", attemptId)))
                claim.ExecuteNonQuery();
            Finish(c, attemptId, DeliveryStatus.Delivered, finishedAt, serverReply);
            tx.Commit();
            return true;
        }
        catch (DuckDBException e) when (e.Message.Contains("PRIMARY KEY", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
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
        using var cmd = Command(c, """
            UPDATE delivery_attempts SET status = 'failed', finished_at = $at, server_reply = 'interrupted: the process stopped during the send'
            WHERE status = 'sending'
            """, ("at", StoredTime.ToTimestamp(now)));
        return cmd.ExecuteNonQuery();
    }

    /// <summary>The most recent <paramref name="limit"/> attempts, newest first.</summary>
    public IReadOnlyList<DeliveryAttempt> Recent(int limit) =>
        Query($"SELECT * FROM delivery_attempts ORDER BY started_at DESC, attempt_id DESC LIMIT {limit}");

    /// <summary>Every attempt of <paramref name="subscription"/>, oldest first.</summary>
    public IReadOnlyList<DeliveryAttempt> Attempts(string subscription) =>
        Query("SELECT * FROM delivery_attempts WHERE subscription = $sub ORDER BY attempt_id", ("sub", subscription));

    /// <summary>Every attempt of the latest period each subscription was delivered for (by start of its first attempt), oldest first.</summary>
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
        using var cmd = Command(c, "SELECT account_id, name, lower(trim(service_manager_email)) FROM accounts ORDER BY account_id");
        using var r = cmd.ExecuteReader();
        var list = new List<AccountContact>();
        while (r.Read())
            list.Add(new AccountContact(r.GetString(0), r.IsDBNull(1) ? r.GetString(0) : r.GetString(1), r.IsDBNull(2) || r.GetString(2).Length == 0 ? null : r.GetString(2)));
        list.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        return list;
    }

    private IReadOnlyList<DeliveryAttempt> Query(string sql, params (string, object?)[] parameters)
    {
        using var c = warehouse.Connect();
        using var cmd = Command(c, """
            SELECT attempt_id, subscription, report, period_key, recipient, attempt, run_trigger, started_at, finished_at,
                   status, files, message_id, server_reply FROM (
            """ + sql + ")", parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<DeliveryAttempt>();
        while (r.Read())
            list.Add(new DeliveryAttempt(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetString(6),
                StoredTime.ToInstant(r.GetDateTime(7)), r.IsDBNull(8) ? null : StoredTime.ToInstant(r.GetDateTime(8)),
                r.GetString(9), r.IsDBNull(10) ? [] : r.GetString(10).Split('\n', StringSplitOptions.RemoveEmptyEntries),
                r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12)));
        return list;
    }

    private static void Finish(DuckDBConnection c, long attemptId, string status, Instant at, string? reply)
    {
        using var cmd = Command(c, "UPDATE delivery_attempts SET status = $status, finished_at = $at, server_reply = $reply WHERE attempt_id = $id",
            ("status", status), ("at", StoredTime.ToTimestamp(at)), ("reply", reply), ("id", attemptId));
        cmd.ExecuteNonQuery();
    }

    private static string? Lines(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join('\n', values);

    private static DuckDBCommand Command(DuckDBConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return cmd;
    }
}
