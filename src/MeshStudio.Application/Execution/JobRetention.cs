namespace MeshStudio.Application.Execution;

/// <summary>How long a product's replaced snapshots and its runs' quarantined rows are kept.</summary>
public sealed record JobRetention(TimeSpan Snapshots, TimeSpan Quarantine)
{
    public static JobRetention Default { get; } = new(TimeSpan.FromMinutes(10), TimeSpan.FromDays(7));
}
