namespace MeshStudio.Core.Dialect;

/// <summary>A parsed statement of the MeshStudio dialect.</summary>
public abstract record MeshStatement
{
    /// <summary>Offset of the statement in the script it came from.</summary>
    public int ScriptOffset { get; init; }

    /// <summary>The statement as written, without the trailing semicolon.</summary>
    public string Text { get; init; } = "";
}
