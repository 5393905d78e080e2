namespace MeshStudio.Core.Dialect;

/// <summary>Whether a line of a diff is in both texts, only in the old one or only in the new one.</summary>
public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>One line of a diff, with its 1-based line number in the old and/or the new text.</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldNumber, int? NewNumber);

/// <summary>
/// A line diff by longest common subsequence, for comparing versions of a job's SQL. Common leading and
/// trailing lines are matched first, so the quadratic part only covers the lines that changed.
/// </summary>
public static class LineDiff
{
    /// <summary>Above this many cells the changed middle is shown as removed then added, without alignment.</summary>
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compute(string oldText, string newText)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
            prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
            suffix++;

        var result = new List<DiffLine>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++)
            result.Add(new DiffLine(DiffKind.Same, a[i], i + 1, i + 1));
        Middle(a, b, prefix, a.Length - suffix, b.Length - suffix, result);
        for (var k = suffix; k > 0; k--)
            result.Add(new DiffLine(DiffKind.Same, a[^k], a.Length - k + 1, b.Length - k + 1));
        return result;
    }

    /// <summary>True when the diff has any added or removed line.</summary>
    public static bool HasChanges(IReadOnlyList<DiffLine> diff) => diff.Any(l => l.Kind != DiffKind.Same);

    private static void Middle(string[] a, string[] b, int start, int aEnd, int bEnd, List<DiffLine> result)
    {
        var n = aEnd - start;
        var m = bEnd - start;
        if ((long)n * m > MaxCells)
        {
            for (var i = start; i < aEnd; i++)
                result.Add(new DiffLine(DiffKind.Removed, a[i], i + 1, null));
            for (var j = start; j < bEnd; j++)
                result.Add(new DiffLine(DiffKind.Added, b[j], null, j + 1));
            return;
        }

        // lcs[i, j]: length of the longest common subsequence of a[start + i ..] and b[start + j ..].
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[start + i] == b[start + j]
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var x = 0;
        var y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[start + x] == b[start + y])
            {
                result.Add(new DiffLine(DiffKind.Same, a[start + x], start + x + 1, start + y + 1));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                result.Add(new DiffLine(DiffKind.Added, b[start + y], null, start + y + 1));
                y++;
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Removed, a[start + x], start + x + 1, null));
                x++;
            }
        }
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
