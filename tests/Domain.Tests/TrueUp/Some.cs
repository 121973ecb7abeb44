using JuniperFts.Domain.TrueUp;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Domain.Tests.TrueUp;

/// <summary>Contracts and units for true-up tests; dates are written "yyyy-MM-dd" as in the input files.</summary>
internal static class Some
{
    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static TrueUpContract Contract(string start, string end, bool coTerm = false, string id = "C-1", string currency = "USD") =>
        new(id, "A-1", "SVC-FTS-24x7", Date(start), Date(end), currency, coTerm);

    public static CoveredUnit Unit(string serial, string from, string? to = null, decimal fee = 1000m, string model = "MX204") =>
        new(serial, model, Date(from), to is null ? null : Date(to), fee);
}
