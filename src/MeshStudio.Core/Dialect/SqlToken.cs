namespace MeshStudio.Core.Dialect;

public enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Symbol,
}

/// <summary>A lexical token with its offset in the text it came from.</summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Offset)
{
    public int End => Offset + Text.Length;

    public bool Is(string keyword) =>
        Kind == SqlTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    /// <summary>The identifier or string value without its quotes.</summary>
    public string Value => Kind switch
    {
        SqlTokenKind.String => Text[1..^1].Replace("''", "'", StringComparison.Ordinal),
        SqlTokenKind.QuotedIdentifier => Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal),
        _ => Text,
    };
}
