using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary><c>DROP JOB [IF EXISTS] d.j</c>: removes the job and its schedule; its product and data stay.</summary>
/// <param name="Name">The job to drop.</param>
/// <param name="IfExists">When true, dropping a job that does not exist is not an error.</param>
public sealed record DropJobStatement(QualifiedName Name, bool IfExists = false) : MeshStatement;
