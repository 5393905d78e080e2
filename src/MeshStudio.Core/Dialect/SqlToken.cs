namespace MeshStudio.Core.Dialect;

public enum SqlTokenKind
{
    Word,
    QuotedIdentifier,

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "SQL's string literal token, named as SQL names it.")]
    String,

    Number,
    Symbol,
}

/// <summary>A lexical token with its 0-based offset in the text it came from.</summary>
/// <param name="Text">The token exactly as written, quotes included.</param>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Offset)
{
    public int Length => Text.Length;

    public int End => Offset + Text.Length;

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    public bool Is(string keyword) =>
        Kind == SqlTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    /// <summary>Words as written; identifiers and strings without their quotes (doubled quotes undone).</summary>
    public string Value => Kind switch
    {
        SqlTokenKind.QuotedIdentifier => Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal),
        SqlTokenKind.String when Text[0] == '$' => Text[(Text.IndexOf('$', 1) + 1)..Text.LastIndexOf('$', Text.Length - 2)],
        SqlTokenKind.String when Text[0] is 'e' or 'E' => Text[2..^1].Replace("''", "'", StringComparison.Ordinal),
        SqlTokenKind.String => Text[1..^1].Replace("''", "'", StringComparison.Ordinal),
        _ => Text,
    };
}
