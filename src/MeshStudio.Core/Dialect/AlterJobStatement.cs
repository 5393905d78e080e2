using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// <c>ALTER JOB d.j [WITH (…)] AS INSERT INTO d.product [KEY (cols)] SELECT …</c>: the same shape as CREATE JOB,
/// replacing the whole definition of an existing job (options left out fall back to their defaults).
/// </summary>
/// <param name="Job">The new definition, read exactly as a CREATE JOB (offsets are positions in the ALTER script).</param>
public sealed record AlterJobStatement(CreateJobStatement Job) : MeshStatement
{
    private const string Alter = "ALTER";
    private const string Create = "CREATE";

    public QualifiedName Name => Job.Name;

    /// <summary>
    /// The definition stored on the job: the statement with its head <c>ALTER</c> written as <c>CREATE</c>,
    /// so every version of a job reads as one CREATE JOB (runnable and comparable).
    /// </summary>
    public string Definition => Create + Text[Alter.Length..];

    /// <summary>An error positioned in <see cref="Definition"/>, positioned in the ALTER statement's text instead.</summary>
    public static SqlError ToAlterPosition(SqlError error) =>
        error is { Line: 1, Column: { } column } && column > Create.Length
            ? error with { Column = column - (Create.Length - Alter.Length) }
            : error;
}
