using NodaTime;

namespace JuniperFts.Ingest.Sample;

/// <summary>What <see cref="SampleDropFolder"/> writes: how many cases, from which seed, over which dates.</summary>
/// <param name="From">First day cases are created (inclusive).</param>
/// <param name="To">Last day cases are created (inclusive).</param>
/// <param name="BadRows">Whether to add a few rows that break each ingest rule.</param>
public sealed record SampleOptions(int Cases, int Seed, LocalDate From, LocalDate To, bool BadRows = true)
{
    public SampleOptions(int cases, int seed) : this(cases, seed, new LocalDate(2024, 7, 1), new LocalDate(2026, 9, 30)) { }
}
