namespace MeshStudio.Core.Sql;

/// <summary>Safe quoting of identifiers and string literals for generated DuckDB SQL.</summary>
public static class SqlText
{
    /// <summary><c>"name"</c> with embedded double quotes doubled.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("Identifiers may not contain NUL characters.", nameof(name));
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary><c>'text'</c> with embedded single quotes doubled.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("String literals may not contain NUL characters.", nameof(text));
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A path as DuckDB expects it: forward slashes, quoted as a literal.</summary>
    public static string PathLiteral(string path) => Literal(path.Replace('\\', '/'));
}
