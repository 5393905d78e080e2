namespace MeshStudio.Application.Products;

/// <summary>One kept snapshot of a product, newest first in listings; <see cref="StepsBack"/> 0 is the current one.</summary>
public sealed record ProductSnapshotInfo(int StepsBack, string Location, long RowCount, DateTime CommittedAt, bool IsCurrent);

/// <summary>A product's kept snapshots (newest first) and how long snapshots are kept.</summary>
public sealed record ProductHistory(IReadOnlyList<ProductSnapshotInfo> Snapshots, TimeSpan Retention)
{
    /// <summary>The snapshot that was current at <paramref name="utc"/>, or null when it is older than every kept one.</summary>
    public ProductSnapshotInfo? AsOf(DateTime utc) => Snapshots.FirstOrDefault(s => s.CommittedAt <= utc);

    /// <summary>The <paramref name="stepsBack"/>-th snapshot back (0 = current), or null when fewer are kept.</summary>
    public ProductSnapshotInfo? Back(int stepsBack) => stepsBack >= 0 && stepsBack < Snapshots.Count ? Snapshots[stepsBack] : null;

    public ProductSnapshotInfo? Oldest => Snapshots.Count == 0 ? null : Snapshots[^1];
}
