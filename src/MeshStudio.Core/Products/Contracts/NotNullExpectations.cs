using System.Text.RegularExpressions;
using MeshStudio.Core.Dialect;

namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// The columns a job's expectations keep free of nulls: <c>EXPECT col IS NOT NULL</c> with DROP or FAIL (a WARN lets the
/// row through). The expectation checks the job's input; the output column of the same name is taken to be that column.
/// </summary>
public static partial class NotNullExpectations
{
    public static IReadOnlySet<string> Columns(IReadOnlyList<Expectation> expectations)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        return expectations
            .Where(e => e.Action is ExpectationAction.Drop or ExpectationAction.Fail)
            .Select(e => NotNull().Match(e.Predicate))
            .Where(m => m.Success)
            .Select(m => m.Groups["q"].Success ? m.Groups["q"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : m.Groups["c"].Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("""^\s*\(?\s*(?:"(?<q>(?:[^"]|"")+)"|(?<c>[A-Za-z_][A-Za-z0-9_]*))\s+IS\s+NOT\s+NULL\s*\)?\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NotNull();
}
