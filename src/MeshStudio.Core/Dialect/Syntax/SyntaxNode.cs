namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>
/// A node of a parsed query. <see cref="Offset"/> is the 0-based character offset in the text that was parsed, or -1
/// where the parser records none (e.g. a join, an implicit cast).
/// </summary>
public abstract record SyntaxNode(int Offset)
{
    /// <summary>The nodes directly below this one, in the order they were written.</summary>
    public abstract IEnumerable<SyntaxNode> Children { get; }

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.TryPop(out var node))
        {
            yield return node;
            foreach (var child in node.Children.Reverse())
                stack.Push(child);
        }
    }
}
