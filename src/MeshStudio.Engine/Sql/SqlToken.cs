namespace MeshStudio.Engine.Sql;

public enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Symbol,
}

/// <summary>A lexical token of a SQL text; <see cref="Offset"/> is 0-based into the text.</summary>
/// <param name="Value">For words the text, for quoted identifiers the unquoted name.</param>
public sealed record SqlToken(SqlTokenKind Kind, string Value, int Offset, int Length)
{
    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    public bool IsSymbol(char c) => Kind == SqlTokenKind.Symbol && Value.Length == 1 && Value[0] == c;

    public bool IsWord(string word) => Kind == SqlTokenKind.Word && string.Equals(Value, word, StringComparison.OrdinalIgnoreCase);
}
