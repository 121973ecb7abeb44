using System.Diagnostics;
using Xunit.Sdk;

namespace JuniperFts.Store.Tests.Support;

/// <summary>
/// Waiting for what another thread or process does. Tests wait for a signal (a log line, a ledger row, a task),
/// never for a fixed time; every wait has a time limit, generous because it only matters when something is
/// wrong, and a failure that says what was waited for.
/// </summary>
public static class Waiting
{
    /// <summary>How long a test waits for a signal unless it says otherwise: long enough for a machine under load.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Waits until <paramref name="done"/> holds, checking it again and again.</summary>
    /// <param name="what">What is waited for, in words: the failure message starts with it.</param>
    /// <param name="state">What the failure message adds, e.g. the log so far.</param>
    public static void Until(Func<bool> done, string what, TimeSpan? limit = null, Func<string>? state = null)
    {
        var within = limit ?? Limit;
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (watch.Elapsed > within) throw TimedOut(what, within, state);
            Thread.Sleep(Pause(watch.Elapsed));
        }
    }

    /// <inheritdoc cref="Until(Func{bool}, string, TimeSpan?, Func{string}?)"/>
    public static async Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan? limit = null, Func<string>? state = null)
    {
        var within = limit ?? Limit;
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > within) throw TimedOut(what, within, state);
            await Task.Delay(Pause(watch.Elapsed));
        }
    }

    /// <summary>Waits for <paramref name="signal"/> (a task another party completes), at most the limit.</summary>
    public static async Task For(Task signal, string what, TimeSpan? limit = null, Func<string>? state = null)
    {
        var within = limit ?? Limit;
        try { await signal.WaitAsync(within); }
        catch (TimeoutException) { throw TimedOut(what, within, state); }
    }

    /// <inheritdoc cref="For(Task, string, TimeSpan?, Func{string}?)"/>
    public static async Task<T> For<T>(Task<T> signal, string what, TimeSpan? limit = null, Func<string>? state = null)
    {
        await For((Task)signal, what, limit, state);
        return await signal;
    }

    /// <summary>Short pauses first (most waits end at once), longer ones later so a slow wait costs little CPU.</summary>
    private static TimeSpan Pause(TimeSpan waited) => TimeSpan.FromMilliseconds(waited < TimeSpan.FromSeconds(1) ? 10 : 100);

    private static XunitException TimedOut(string what, TimeSpan limit, Func<string>? state) =>
        new($"waited {limit.TotalSeconds:0} s for {what}, in vain" + (state is null ? "" : ":\n" + state()));
}
