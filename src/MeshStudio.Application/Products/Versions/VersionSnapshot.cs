namespace MeshStudio.Application.Products.Versions;

/// <summary>A kept snapshot of a version, with the time-travel call that reads it (<c>SNAPSHOT(domain.name, n)</c>).</summary>
public sealed record VersionSnapshot(int StepsBack, DateTime CommittedAt, long RowCount, bool Current, string Sql);
