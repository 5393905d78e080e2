namespace MeshStudio.Catalog.Model;

/// <summary>One definition a job has had: CREATE JOB makes version 1, each ALTER JOB the next one.</summary>
public sealed class JobVersion
{
    public int Id { get; set; }
    public int JobId { get; set; }
    public Job? Job { get; set; }
    /// <summary>1, 2, … per job.</summary>
    public int Version { get; set; }
    /// <summary>The full definition, as the CREATE JOB statement it amounts to.</summary>
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>User name of who deployed this version.</summary>
    public required string CreatedBy { get; set; }
}
