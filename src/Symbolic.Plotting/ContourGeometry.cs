namespace Symbolic.Plotting;

/// <summary>Values of f(x, y) on a regular grid: <c>Z[j, i]</c> is f(X[i], Y[j]).</summary>
internal sealed record ContourGrid(double[] X, double[] Y, double[,] Z);

/// <summary>One level curve: its level and its polylines (each an array of points).</summary>
internal sealed record LevelCurve(double Level, List<(double[] X, double[] Y)> Lines);

/// <summary>
/// Level curves by marching squares on a regular grid: each cell's crossings are interpolated linearly on
/// its edges, a saddle cell is resolved by the value at its centre, cells with an undefined corner are left
/// out, and segments that share a grid edge are joined into polylines.
/// </summary>
internal static class ContourGeometry
{
    /// <summary>
    /// Levels for the grid's finite values: evenly spaced round numbers, unless the values crowd at one end
    /// (as a loss surface such as Rosenbrock's does, whose interesting valley holds a tiny part of the
    /// range): then levels spaced geometrically away from that end, from the 1st to the 97th percentile of the
    /// distance, so the valley gets its rings as well as the walls.
    /// </summary>
    public static double[] Levels(double[,] z, int count)
    {
        var values = z.Cast<double>().Where(double.IsFinite).Order().ToArray();
        if (values.Length == 0 || count < 1) return [];
        double min = values[0], max = values[^1];
        if (!(max > min)) return [];
        double median = values[values.Length / 2];
        double position = (median - min) / (max - min);
        if (position is < 0.2 or > 0.8)
        {
            // Geometric in the distance from the crowded end (the minimum of a loss): rings close around the
            // minimum and wide apart on the walls, as plots of Rosenbrock's function are drawn.
            bool low = position < 0.2;
            double Distance(double v) => low ? v - min : max - v;
            double near = Distance(values[(int)((low ? 0.01 : 0.99) * (values.Length - 1))]);
            double far = Distance(values[(int)((low ? 0.97 : 0.03) * (values.Length - 1))]);
            if (!(near > 0)) near = (far > 0 ? far : max - min) * 1e-3;
            if (!(far > near)) far = max - min;
            var levels = new SortedSet<double>();
            for (int k = 0; k < count; k++)
            {
                double d = near * Math.Pow(far / near, count == 1 ? 0.5 : (double)k / (count - 1));
                d = RoundSignificant(d, 2);
                levels.Add(low ? min + d : max - d);
            }
            return levels.Where(l => l > min && l < max).ToArray();
        }
        double step = NiceStep((max - min) / (count + 1));
        var result = new List<double>();
        for (double level = Math.Ceiling(min / step) * step; level < max; level += step)
            if (level > min) result.Add(Math.Round(level / step) * step);
        return [.. result];
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten, near <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double m = rough / power;
        return power * (m < 1.5 ? 1 : m < 2.25 ? 2 : m < 3.5 ? 2.5 : m < 7.5 ? 5 : 10);
    }

    private static double RoundSignificant(double v, int digits)
    {
        if (v == 0) return 0;
        double scale = Math.Pow(10, digits - 1 - Math.Floor(Math.Log10(Math.Abs(v))));
        return Math.Round(v * scale) / scale;
    }

    /// <summary>The level curves of the grid at each level.</summary>
    public static List<LevelCurve> Trace(ContourGrid grid, IEnumerable<double> levels) =>
        levels.Select(l => new LevelCurve(l, Trace(grid, l))).ToList();

    /// <summary>The polylines where the grid's surface crosses <paramref name="level"/>.</summary>
    public static List<(double[] X, double[] Y)> Trace(ContourGrid grid, double level)
    {
        int nx = grid.X.Length, ny = grid.Y.Length;
        var z = grid.Z;
        var segments = new List<(long A, long B)>();
        var points = new Dictionary<long, (double X, double Y)>();

        // Grid edges by id: the horizontal edge from node (i, j) to (i + 1, j) is 2(j nx + i), the vertical
        // edge from (i, j) to (i, j + 1) is 2(j nx + i) + 1.
        long Horizontal(int i, int j) => 2L * (j * (long)nx + i);
        long Vertical(int i, int j) => 2L * (j * (long)nx + i) + 1;
        long Point(long edge, int i0, int j0, int i1, int j1)
        {
            if (!points.ContainsKey(edge))
            {
                double z0 = z[j0, i0], z1 = z[j1, i1];
                double t = Math.Clamp((level - z0) / (z1 - z0), 0, 1);
                points[edge] = (grid.X[i0] + t * (grid.X[i1] - grid.X[i0]), grid.Y[j0] + t * (grid.Y[j1] - grid.Y[j0]));
            }
            return edge;
        }

        for (int j = 0; j + 1 < ny; j++)
        {
            for (int i = 0; i + 1 < nx; i++)
            {
                double z0 = z[j, i], z1 = z[j, i + 1], z2 = z[j + 1, i + 1], z3 = z[j + 1, i];
                if (!double.IsFinite(z0) || !double.IsFinite(z1) || !double.IsFinite(z2) || !double.IsFinite(z3)) continue;
                bool b0 = z0 >= level, b1 = z1 >= level, b2 = z2 >= level, b3 = z3 >= level;
                if (b0 == b1 && b1 == b2 && b2 == b3) continue;
                long bottom = -1, right = -1, top = -1, left = -1;
                if (b0 != b1) bottom = Point(Horizontal(i, j), i, j, i + 1, j);
                if (b1 != b2) right = Point(Vertical(i + 1, j), i + 1, j, i + 1, j + 1);
                if (b3 != b2) top = Point(Horizontal(i, j + 1), i, j + 1, i + 1, j + 1);
                if (b0 != b3) left = Point(Vertical(i, j), i, j, i, j + 1);
                if (bottom >= 0 && right >= 0 && top >= 0 && left >= 0)
                {
                    // A saddle: the centre decides which corners the lines cut off (those on its other side).
                    bool centre = (z0 + z1 + z2 + z3) / 4 >= level;
                    if (b0 != centre)
                    {
                        segments.Add((left, bottom));  // corners 0 and 2 are cut off
                        segments.Add((right, top));
                    }
                    else
                    {
                        segments.Add((bottom, right)); // corners 1 and 3 are cut off
                        segments.Add((top, left));
                    }
                    continue;
                }
                var ends = new[] { bottom, right, top, left }.Where(e => e >= 0).ToArray();
                segments.Add((ends[0], ends[1]));
            }
        }
        return Join(segments, points);
    }

    // Chains segments that share an end (a grid edge) into polylines.
    private static List<(double[] X, double[] Y)> Join(List<(long A, long B)> segments, Dictionary<long, (double X, double Y)> points)
    {
        var byEnd = new Dictionary<long, List<int>>();
        for (int s = 0; s < segments.Count; s++)
        {
            foreach (var end in new[] { segments[s].A, segments[s].B })
            {
                if (!byEnd.TryGetValue(end, out var list)) byEnd[end] = list = new List<int>(2);
                list.Add(s);
            }
        }
        var used = new bool[segments.Count];
        var lines = new List<(double[] X, double[] Y)>();
        int? Next(long end, int from) => byEnd[end].Where(s => s != from && !used[s]).Select(s => (int?)s).FirstOrDefault();
        for (int s = 0; s < segments.Count; s++)
        {
            if (used[s]) continue;
            used[s] = true;
            var chain = new LinkedList<long>([segments[s].A, segments[s].B]);
            // Grow forwards from B, then backwards from A.
            for (int current = s; Next(chain.Last!.Value, current) is int next; current = next)
            {
                used[next] = true;
                chain.AddLast(segments[next].A == chain.Last.Value ? segments[next].B : segments[next].A);
            }
            for (int current = s; Next(chain.First!.Value, current) is int next; current = next)
            {
                used[next] = true;
                chain.AddFirst(segments[next].A == chain.First.Value ? segments[next].B : segments[next].A);
            }
            lines.Add((chain.Select(e => points[e].X).ToArray(), chain.Select(e => points[e].Y).ToArray()));
        }
        return lines;
    }
}
