namespace JuniperFts.Domain;

/// <summary>
/// A mistake of the user or of their input (bad argument, unreadable file, wrong header, a
/// database held by another process). The CLI prints its message as one line and exits non-zero.
/// </summary>
/// <remarks>
/// The message must say what is wrong and where (file, line, column when known) in words that hold for every
/// entry point: it names the value or the setting, never a command-line option. When the value came in through a
/// parameter, <see cref="Subject"/> names it and each entry point adds its own spelling (<c>--contract</c> on the
/// command line, <c>contract</c> in a 400 answer).
/// </remarks>
public sealed class UserError(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The parameter the mistake is about ("contract", "year", "out"), or null when the message says it all.</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// True when the fault is the machine's, not the input's (a full disk): the same input may go through once it
    /// is fixed, so a job keeps it for the next try instead of setting it aside as refused.
    /// </summary>
    public bool Transient { get; init; }

    /// <summary>
    /// Runs a file-system action; a failure becomes one line "<paramref name="what"/>: reason", about <paramref name="subject"/>.
    /// </summary>
    /// <remarks>The one place an I/O failure turns into a user mistake; anything else propagates as it is.</remarks>
    public static T OnIo<T>(string what, Func<T> action, string? subject = null)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{what}: {e.Message}", e) { Subject = subject };
        }
    }

    /// <inheritdoc cref="OnIo{T}(string, Func{T}, string?)"/>
    public static void OnIo(string what, Action action, string? subject = null) =>
        OnIo(what, () => { action(); return true; }, subject);
}
