namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A range <c>[Start, End)</c> of the user's text; empty (<c>Start == End</c>) where something is missing.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public bool IsEmpty => Start == End;
}
