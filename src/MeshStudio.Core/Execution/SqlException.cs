namespace MeshStudio.Core.Execution;

/// <summary>A user's SQL failed: parse, bind, permission, policy or limit. The message is for the user.</summary>
public sealed class SqlException(SqlError error) : Exception(error.ToString())
{
    public SqlError Error { get; } = error;
}
