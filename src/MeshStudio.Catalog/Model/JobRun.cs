namespace MeshStudio.Catalog.Model;

public sealed class JobRun
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public long RowsOut { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
}
