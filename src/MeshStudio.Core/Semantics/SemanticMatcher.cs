using System.Text;

namespace MeshStudio.Core.Semantics;

/// <summary>
/// Maps raw values of one <see cref="SemanticType"/> to their canonical value. Matching ignores case, dots,
/// leading and trailing spaces and repeated whitespace, so <c>U.S.A.</c> and <c>united  states</c> both match.
/// The engine's <c>align</c> macro applies the same normalisation in SQL (see <see cref="NormalizeSql"/>).
/// </summary>
public sealed class SemanticMatcher
{
    private readonly Dictionary<string, string> _canonicalByKey;

    public SemanticMatcher(SemanticType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
        _canonicalByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in Mappings(type))
            _canonicalByKey.TryAdd(mapping.Key, mapping.Canonical);
    }

    public SemanticType Type { get; }

    /// <summary>The canonical value <paramref name="raw"/> means, or null when it matches none.</summary>
    public string? Match(string? raw) =>
        raw is not null && _canonicalByKey.TryGetValue(Normalize(raw), out var canonical) ? canonical : null;

    /// <summary>What <c>align</c> returns: the canonical value, or <paramref name="raw"/> unchanged when unmatched.</summary>
    public string? Align(string? raw) => Match(raw) ?? raw;

    /// <summary>
    /// Upper case, dots removed, runs of whitespace collapsed to one space, trimmed. Whitespace is the set
    /// DuckDB's regular expressions call <c>\s</c> (space, tab, CR, LF, FF), so C# and SQL agree.
    /// </summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var sb = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw.ToUpperInvariant())
        {
            if (c == '.')
                continue;
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
                sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The SQL expression that normalises <paramref name="valueSql"/> exactly like <see cref="Normalize"/>.</summary>
    public static string NormalizeSql(string valueSql) =>
        $"trim(regexp_replace(replace(upper(CAST({valueSql} AS VARCHAR)), '.', ''), '\\s+', ' ', 'g'))";

    /// <summary>Every (type, normalised key, canonical) row of <paramref name="type"/>: each canonical maps to itself.</summary>
    public static IEnumerable<SemanticMapping> Mappings(SemanticType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in type.Values)
        {
            foreach (var spelling in value.Synonyms.Prepend(value.Canonical))
            {
                var key = Normalize(spelling);
                if (key.Length > 0 && seen.Add(key))
                    yield return new SemanticMapping(type.Name, key, value.Canonical);
            }
        }
    }

    /// <summary>
    /// Why <paramref name="type"/> is ambiguous: spellings that normalise to the same key but belong to different
    /// canonical values, and duplicate canonical values. Empty when every spelling has exactly one meaning.
    /// </summary>
    public static IReadOnlyList<string> Conflicts(SemanticType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var problems = new List<string>();
        var canonicalByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var canonicals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in type.Values)
        {
            if (!canonicals.Add(value.Canonical))
                problems.Add($"'{value.Canonical}' is listed twice as a canonical value.");
            foreach (var spelling in value.Synonyms.Prepend(value.Canonical))
            {
                var key = Normalize(spelling);
                if (canonicalByKey.TryGetValue(key, out var other))
                {
                    if (!string.Equals(other, value.Canonical, StringComparison.Ordinal))
                        problems.Add($"'{spelling}' cannot mean both {other} and {value.Canonical}.");
                }
                else
                {
                    canonicalByKey[key] = value.Canonical;
                }
            }
        }
        return problems;
    }
}
