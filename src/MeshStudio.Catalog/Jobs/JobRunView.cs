namespace MeshStudio.Catalog.Jobs;

public sealed record JobRunView(long Id, DateTime StartedAt, DateTime FinishedAt, long RowsOut, bool Succeeded, string? Error);
