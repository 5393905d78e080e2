namespace MeshStudio.Core.Execution;

/// <summary>Maps error positions of an embedded SQL fragment to positions in the text around it.</summary>
public static class SqlPositions
{
    /// <summary>
    /// <paramref name="error"/> is positioned relative to a fragment that starts at <paramref name="fragmentOffset"/>
    /// of <paramref name="outerText"/>; returns it positioned relative to <paramref name="outerText"/>.
    /// </summary>
    public static SqlError Shift(SqlError error, string outerText, int fragmentOffset)
    {
        if (error.Line is not { } line || error.Column is not { } column)
            return error;
        var (startLine, startColumn) = SqlError.PositionOf(outerText, fragmentOffset);
        return line == 1
            ? error with { Line = startLine, Column = startColumn + column - 1 }
            : error with { Line = startLine + line - 1 };
    }
}
