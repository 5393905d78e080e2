using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Dialect;

/// <summary>The statements of a script, or the errors (positions relative to the whole script).</summary>
public sealed record ScriptParseResult(IReadOnlyList<MeshStatement> Statements, IReadOnlyList<SqlError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
