using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Forecast;

namespace JuniperFts.Bench.Forecast;

/// <summary>
/// A forecaster told the generator's form (<see cref="Estate"/>): cases in proportion to covered units (in the forecast
/// weeks those known at the origin, carried forward as fts carries them), a rate per platform, a smooth yearly wave, Christmas,
/// summer (EMEA apart), quarter-end weeks, the shape's other events and APAC's step from its known week. It fits only
/// the constants, by Poisson maximum likelihood on the history. No real forecaster knows as much,
/// so its error is about the least that estimating from these data can give; the true rate's is what no estimate
/// can beat.
/// </summary>
internal static class KnownForm
{
    /// <summary>The forecast of every series of <paramref name="history"/> for its horizon weeks.</summary>
    public static double[][] Forecast(WorkloadHistory history, Shape shape)
    {
        var platforms = history.Series.Select(s => s.Platform).Distinct().ToList();
        var shift = shape.ShiftWeek is { } w ? shape.First.Plus(w) : (IsoWeek?)null;
        var events = shape.OtherEvents ?? [];
        var p = platforms.Count + 11 + events.Length;

        double[] Row(WeeklySeries s, IsoWeek week)
        {
            var x = new double[p];
            x[platforms.IndexOf(s.Platform)] = 1;
            var k = platforms.Count;
            var angle = 2 * Math.PI * week.Week / 52.0;
            // log(1 + A·sin) to third order: three harmonics.
            for (var h = 1; h <= 3; h++)
            {
                x[k++] = Math.Sin(h * angle);
                x[k++] = Math.Cos(h * angle);
            }
            x[k++] = Estate.IsChristmas(week.Week) ? 1 : 0;
            var summer = Estate.IsSummer(week.Week);
            x[k++] = summer && s.Region == "EMEA" ? 1 : 0;
            x[k++] = summer && s.Region != "EMEA" ? 1 : 0;
            x[k++] = Estate.IsQuarterEnd(week.Week) ? 1 : 0;
            foreach (var e in events) x[k++] = Estate.IsIn(e, week.Week) ? 1 : 0;
            // The step is known to come; its size only from weeks after it.
            x[k] = s.Region == "APAC" && shift is { } at && week >= at ? 1 : 0;
            return x;
        }

        var rows = new List<(double[] X, double Offset, double Y)>();
        foreach (var s in history.Series)
            for (var t = 0; t < history.Weeks.Count; t++)
                if (s.Drivers[t].CoveredUnits > 0)
                    rows.Add((Row(s, history.Weeks[t]), Math.Log(s.Drivers[t].CoveredUnits), s.Cases[t]));

        var beta = Fit(rows, p, platforms.Count);
        return history.Series.Select(s => history.Horizon.Select((week, h) =>
        {
            var units = WeekFeatures.UnitsKnownAt(s.Drivers, history.Weeks.Count, history.Weeks.Count + h);
            return units > 0 ? Math.Exp(Math.Log(units) + Dot(Row(s, week), beta)) : 0;
        }).ToArray()).ToArray();
    }

    /// <summary>Poisson regression with an offset by Newton's method (a tiny ridge keeps unseen columns at 0).</summary>
    private static double[] Fit(List<(double[] X, double Offset, double Y)> rows, int p, int platforms)
    {
        // Start each platform at its mean rate per unit, so Newton's first steps are small.
        var beta = new double[p];
        for (var j = 0; j < platforms; j++)
        {
            var of = rows.Where(r => r.X[j] == 1).ToList();
            if (of.Count > 0) beta[j] = Math.Log(Math.Max(of.Sum(r => r.Y), 0.5) / of.Sum(r => Math.Exp(r.Offset)));
        }
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var gradient = new double[p];
            var hessian = new double[p, p];
            foreach (var (x, offset, y) in rows)
            {
                var mu = Math.Exp(offset + Dot(x, beta));
                for (var j = 0; j < p; j++)
                {
                    if (x[j] == 0) continue;
                    gradient[j] += (y - mu) * x[j];
                    for (var k = 0; k < p; k++) hessian[j, k] += mu * x[j] * x[k];
                }
            }
            for (var j = 0; j < p; j++)
            {
                gradient[j] -= 1e-6 * beta[j];
                hessian[j, j] += 1e-6;
            }
            var step = Solve(hessian, gradient);
            for (var j = 0; j < p; j++) beta[j] += step[j];
            if (step.Max(Math.Abs) < 1e-9) break;
        }
        return beta;
    }

    private static double Dot(double[] x, double[] beta)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++) sum += x[j] * beta[j];
        return sum;
    }

    /// <summary>Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            for (var k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            (v[c], v[pivot]) = (v[pivot], v[c]);
            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / m[c, c];
                for (var k = c; k < n; k++) m[r, k] -= f * m[c, k];
                v[r] -= f * v[c];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var k = r + 1; k < n; k++) sum -= m[r, k] * x[k];
            x[r] = sum / m[r, r];
        }
        return x;
    }
}
