namespace JuniperFts.Domain;

/// <summary>
/// A mistake of the user or of their input (bad argument, unreadable file, wrong header, a
/// database held by another process). The CLI prints its message as one line and exits non-zero.
/// </summary>
/// <remarks>The message must say what is wrong and where (file, line, column when known).</remarks>
public sealed class UserError(string message, Exception? inner = null) : Exception(message, inner);
