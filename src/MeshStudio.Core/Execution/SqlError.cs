namespace MeshStudio.Core.Execution;

/// <summary>An error in a SQL text, with its 1-based position when one is known.</summary>
public sealed record SqlError(string Message, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        Line is null ? Message : $"{Message} (line {Line}, column {Column})";

    /// <summary>Line and column (1-based) of a 0-based character offset in <paramref name="sql"/>.</summary>
    public static (int Line, int Column) PositionOf(string sql, int offset)
    {
        offset = Math.Clamp(offset, 0, sql.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (sql[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }

    public static SqlError At(string message, string sql, int offset)
    {
        var (line, column) = PositionOf(sql, offset);
        return new SqlError(message, line, column);
    }
}
