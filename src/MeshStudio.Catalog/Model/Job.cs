namespace MeshStudio.Catalog.Model;

/// <summary>A deployed CREATE JOB: keeps one product up to date.</summary>
public sealed class Job
{
    /// <summary>The checkpoint that requests a backfill: start over from the beginning with an empty product.</summary>
    public const string BackfillCheckpoint = "{}";

    public int Id { get; set; }
    public int DomainId { get; set; }
    public MeshDomain? Domain { get; set; }
    public required string Name { get; set; }
    /// <summary>The full CREATE JOB statement as the analyst wrote it.</summary>
    public required string Definition { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    /// <summary>Null: run once / on demand.</summary>
    public double? RunIntervalSeconds { get; set; }
    public bool IsPaused { get; set; }
    /// <summary>The job runs with this user's entitlements.</summary>
    public required string RunAsUserId { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastRunAt { get; set; }
    public bool? LastRunSucceeded { get; set; }
    public string? LastError { get; set; }
    /// <summary>
    /// How far the job has read each input, as JSON (owned by the execution layer); null: nothing read yet.
    /// Written in the same transaction as the snapshot it produced. Clearing it makes the next run a backfill.
    /// <see cref="BackfillCheckpoint"/> (<c>{}</c>) asks the next run to start over from the beginning with an empty product.
    /// </summary>
    public string? Checkpoint { get; set; }
    public List<JobRun> Runs { get; set; } = [];
    /// <summary>Every definition the job has had, kept with its history.</summary>
    public List<JobVersion> Versions { get; set; } = [];
}
