using System.Globalization;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// The inbox side of file ingestion: which files of a source are waiting, and moving a finished file out of the
/// inbox (to <c>inbox/_ingested/…</c>, or a corrupt one to the source's quarantine).
/// </summary>
internal sealed class InboxFiles(LakeLayout layout, TimeProvider time)
{
    /// <summary>The folder a source's uploads are written to before they are ingested.</summary>
    public string UploadDirectory(QualifiedName source) =>
        Path.Combine(layout.InboxDirectory(source.Domain), FileIngester.UploadsFolder, source.Name);

    /// <summary>Files of the source that are waiting: matching its glob (or in its upload folder) and settled.</summary>
    public IReadOnlyList<InboxFile> Pending(FileSourceSpec spec, TimeSpan settle)
    {
        var inbox = layout.InboxDirectory(spec.Name.Domain);
        var now = time.GetUtcNow().UtcDateTime;
        return InboxGlob.Match(inbox, spec.Glob)
            .Concat(Directory.Exists(UploadDirectory(spec.Name))
                ? Directory.EnumerateFiles(UploadDirectory(spec.Name)).Where(f => !Path.GetFileName(f).StartsWith('.'))
                : [])
            .Distinct(StringComparer.Ordinal)
            .Select(f => InboxFile.Of(inbox, f))
            .Where(f => now - f.ModifiedUtc >= settle)
            .OrderBy(f => f.ModifiedUtc).ThenBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Moves a finished file to <c>inbox/_ingested/…</c>, or a corrupt one to the source's quarantine.</summary>
    public void MoveOut(FileSourceSpec spec, InboxFile file, bool quarantined)
    {
        var target = quarantined
            ? Path.Combine(layout.SourceDirectory(spec.Name), FileIngester.QuarantineFolder, "files", $"{file.Id}-{Path.GetFileName(file.FullPath)}")
            : Path.Combine(layout.InboxDirectory(spec.Name.Domain), FileIngester.IngestedFolder, file.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            target = Path.Combine(Path.GetDirectoryName(target)!, $"{Path.GetFileNameWithoutExtension(target)}.{stamp}{Path.GetExtension(target)}");
        }
        DurableFile.Move(file.FullPath, target, overwrite: false);
    }
}
