using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Deletes old snapshot folders (<c>snap-&lt;yyyyMMddHHmmssfff&gt;-&lt;id&gt;</c>) of a product. The age is the
/// timestamp in the folder name; the current snapshot and anything that is not a snapshot folder directly
/// inside the product folder are never touched. <c>keep</c> should exceed the query timeout so that a query
/// that opened on the previous snapshot can finish.
/// </summary>
public sealed class SnapshotRetention
{
    private const string ClaimPrefix = ".del-";

    private readonly LakeLayout _layout;
    private readonly TimeProvider _time;

    public SnapshotRetention(LakeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _layout = new LakeLayout(options);
        _time = time;
    }

    /// <summary>Deletes the product's snapshots older than <paramref name="keep"/> except the current one; returns how many.</summary>
    public int DeleteExpired(QualifiedName product, string currentLocation, TimeSpan keep) =>
        DeleteExpired(product, currentLocation, keep, keep);

    /// <summary>As above; runs' quarantine folders are kept for <paramref name="quarantineKeep"/> instead.</summary>
    public int DeleteExpired(QualifiedName product, string currentLocation, TimeSpan keep, TimeSpan quarantineKeep)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentException.ThrowIfNullOrWhiteSpace(currentLocation);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, TimeSpan.Zero);
        var productDirectory = _layout.ProductDirectory(product);
        var current = Path.TrimEndingDirectorySeparator(_layout.ResolveLocation(currentLocation));
        if (!string.Equals(Path.GetDirectoryName(current), productDirectory, StringComparison.Ordinal))
            throw new ArgumentException($"Location '{currentLocation}' is not a snapshot of {product}.", nameof(currentLocation));

        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(productDirectory).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
        foreach (var leftover in folders.Where(f => Path.GetFileName(f).StartsWith(ClaimPrefix, StringComparison.Ordinal)))
        {
            if (new DirectoryInfo(leftover).LinkTarget is null)
                DeleteClaimed(leftover);
        }
        var cutoff = _time.GetUtcNow().UtcDateTime - keep;
        var deleted = 0;
        foreach (var folder in folders)
        {
            if (string.Equals(folder, current, StringComparison.Ordinal))
                continue;
            if (!SnapshotFolder.TryParseTime(Path.GetFileName(folder), out var taken) || taken >= cutoff)
                continue;
            if (TryDelete(folder))
                deleted++;
        }
        DeleteExpiredQuarantine(productDirectory, Path.GetFileName(current), _time.GetUtcNow().UtcDateTime - quarantineKeep);
        return deleted;
    }

    /// <summary>
    /// A run's quarantine folder (<c>_quarantine/snap-…</c>) is named after the snapshot the run wrote and follows
    /// the same rule: kept while younger than the cutoff or while its snapshot is the current one.
    /// </summary>
    private static void DeleteExpiredQuarantine(string productDirectory, string currentName, DateTime cutoff)
    {
        List<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(Path.Combine(productDirectory, LakeLayout.QuarantineFolderName)).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith(ClaimPrefix, StringComparison.Ordinal))
            {
                if (new DirectoryInfo(folder).LinkTarget is null)
                    DeleteClaimed(folder);
                continue;
            }
            if (string.Equals(name, currentName, StringComparison.Ordinal) || !IsOlderThan(name, cutoff))
                continue;
            TryDelete(folder);
        }
    }

    private static bool IsOlderThan(string folderName, DateTime cutoff) =>
        SnapshotFolder.TryParseTime(folderName, out var taken) && taken < cutoff;

    /// <summary>
    /// Claims the folder by renaming it to a hidden <c>.del-…</c> name (atomic: of two concurrent runs only one
    /// wins and counts it), then deletes it. A claimed folder left by a crash is removed by a later run.
    /// </summary>
    private static bool TryDelete(string folder)
    {
        var claimed = Path.Combine(Path.GetDirectoryName(folder)!, $"{ClaimPrefix}{Path.GetFileName(folder)}-{Guid.NewGuid():N}");
        try
        {
            if (new DirectoryInfo(folder).LinkTarget is not null)
                return false; // a link is not a snapshot this lake wrote; never follow it
            Directory.Move(folder, claimed);
        }
        catch (DirectoryNotFoundException)
        {
            return false; // deleted concurrently
        }
        catch (IOException) when (!Directory.Exists(folder))
        {
            return false; // claimed concurrently
        }
        DeleteClaimed(claimed);
        return true;
    }

    private static void DeleteClaimed(string claimed)
    {
        try
        {
            Directory.Delete(claimed, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException) when (!Directory.Exists(claimed))
        {
        }
    }
}
