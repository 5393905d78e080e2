using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary>A cursor over the tokens of one statement, raising errors at the right position.</summary>
internal sealed class TokenReader(string script, List<SqlToken> tokens)
{
    private int _position;

    public SqlToken? Lookahead(int index) => index < tokens.Count ? tokens[index] : null;

    private SqlToken? Current => _position < tokens.Count ? tokens[_position] : null;

    /// <summary>Where the next token starts in the script (the end of the statement when there is none).</summary>
    public int Offset => Current?.Offset ?? tokens[^1].End;

    /// <summary>Where the last token taken ends in the script.</summary>
    public int PreviousEnd => tokens[Math.Max(0, _position - 1)].End;

    public SqlException ErrorAt(SqlToken? token, string message) =>
        new(SqlError.At(message, script, token?.Offset ?? tokens[^1].End));

    public SqlException ErrorAtPrevious(string message) => ErrorAt(tokens[Math.Max(0, _position - 1)], message);

    public SqlException ErrorAtStart(string message) => ErrorAt(tokens[0], message);

    public void Expect(string keyword)
    {
        if (Current?.Is(keyword) != true)
            throw ErrorAt(Current, $"Expected {keyword}{Found()}.");
        _position++;
    }

    public bool TryTake(string keyword)
    {
        if (Current?.Is(keyword) != true)
            return false;
        _position++;
        return true;
    }

    public void OptionalOrReplace()
    {
        if (TryTake("OR"))
            Expect("REPLACE");
    }

    public void ExpectSymbol(char symbol)
    {
        if (!TryTakeSymbol(symbol))
            throw ErrorAt(Current, $"Expected '{symbol}'{Found()}.");
    }

    public bool TryTakeSymbol(char symbol)
    {
        if (Current?.IsSymbol(symbol) != true)
            return false;
        _position++;
        return true;
    }

    public void ExpectEnd()
    {
        if (Current is not null)
            throw ErrorAt(Current, $"Unexpected '{Current.Text}' at the end of the statement.");
    }

    public string Identifier(string what)
    {
        if (Current is not { Kind: SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier } token)
            throw ErrorAt(Current, $"Expected a {what}{Found()}.");
        _position++;
        return token.Value;
    }

    public QualifiedName QualifiedName(string what)
    {
        var first = Current;
        var domain = Identifier($"{what} name as domain.name");
        if (!TryTakeSymbol('.'))
            throw ErrorAt(first, $"Name the {what} with its domain, e.g. sales.{domain}.");
        var name = Identifier($"{what} name after '{domain}.'");
        if (!Products.QualifiedName.TryParse($"{domain}.{name}", out var qualified))
            throw ErrorAt(first, $"'{domain}.{name}' is not a valid {what} name: use lower-case letters, digits and underscores, starting with a letter.");
        return qualified;
    }

    /// <summary>A column type: everything up to the next top-level comma or closing parenthesis.</summary>
    public string TypeText()
    {
        var start = Current ?? throw ErrorAt(null, "Expected a column type.");
        var depth = 0;
        var end = start.Offset;
        while (Current is { } token)
        {
            if (depth == 0 && (token.IsSymbol(',') || token.IsSymbol(')')))
                break;
            if (token.IsSymbol('('))
                depth++;
            else if (token.IsSymbol(')'))
                depth--;
            end = token.End;
            _position++;
        }
        if (end == start.Offset)
            throw ErrorAt(start, $"Expected a column type{Found()}.");
        return script[start.Offset..end].ToUpperInvariant();
    }

    /// <summary><c>( key = 'value', … )</c> with lower-cased keys.</summary>
    public Dictionary<string, string> Options()
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ExpectSymbol('(');
        do
        {
            var keyToken = Current;
            var key = Identifier("option name").ToLowerInvariant();
            ExpectSymbol('=');
            if (Current is not { Kind: SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.Word } value)
                throw ErrorAt(Current, $"Expected a value for option {key}{Found()}.");
            _position++;
            if (!options.TryAdd(key, value.Value))
                throw ErrorAt(keyToken, $"Option {key} is given twice.");
        }
        while (TryTakeSymbol(','));
        ExpectSymbol(')');
        return options;
    }

    /// <summary>The rest of the statement as written, with its offset in the script.</summary>
    public (string Text, int Offset) Rest(string what)
    {
        if (Current is null)
            throw ErrorAt(null, $"Expected {what}.");
        var offset = Current.Offset;
        return (script[offset..tokens[^1].End], offset);
    }

    /// <summary>
    /// Index of the first token at or after the cursor that starts the top-level pair <paramref name="first"/>
    /// <paramref name="second"/> (outside parentheses), or -1.
    /// </summary>
    public int FindTopLevel(string first, string second)
    {
        var depth = 0;
        for (var i = _position; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol('('))
                depth++;
            else if (tokens[i].IsSymbol(')'))
                depth--;
            else if (depth <= 0 && tokens[i].Is(first) && i + 1 < tokens.Count && tokens[i + 1].Is(second))
                return i;
        }
        return -1;
    }

    /// <summary>The text from the cursor up to (not including) token <paramref name="end"/>; moves the cursor there.</summary>
    public (string Text, int Offset) TextUntil(int end, string what)
    {
        if (Current is null || _position >= end)
            throw ErrorAt(Current, $"Expected {what}{Found()}.");
        var offset = Current.Offset;
        var text = script[offset..tokens[end - 1].End];
        var depth = 0;
        for (var i = _position; i < end; i++)
        {
            if (tokens[i].IsSymbol('('))
                depth++;
            else if (tokens[i].IsSymbol(')') && --depth < 0)
                throw ErrorAt(tokens[i], $"Unbalanced ')' in {what}.");
        }
        if (depth > 0)
            throw ErrorAt(tokens[end - 1], $"Unbalanced '(' in {what}.");
        _position = end;
        return (text, offset);
    }

    /// <summary>The token under the cursor, without moving it.</summary>
    public SqlToken? Peek() => Current;

    private string Found() => Current is null ? ", found the end of the statement" : $", found '{Current.Text}'";
}
