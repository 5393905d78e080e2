namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// A call of one of the dialect's table functions (<c>TUMBLE</c>, <c>HOP</c>, <c>SESSION</c>, <c>SNAPSHOT</c>) as
/// written: the tree says what its arguments are, this says where their text is, so a rewrite can splice it.
/// </summary>
/// <param name="Name">Upper case.</param>
/// <param name="Offset">The offset of the name, the same as the call's node in the tree.</param>
/// <param name="Close">The offset of the closing parenthesis, or -1 when there is none.</param>
/// <param name="Arguments">The text of each argument (trimmed of spaces and comments; empty where one is missing).</param>
/// <param name="Commas">The offset of the comma before each argument but the first.</param>
public sealed record ExtensionCall(string Name, int Offset, int Close, IReadOnlyList<TextSpan> Arguments, IReadOnlyList<int> Commas)
{
    /// <summary>The whole call, name to closing parenthesis.</summary>
    public TextSpan Span => new(Offset, Close + 1);
}
