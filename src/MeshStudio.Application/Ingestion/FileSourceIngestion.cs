using MeshStudio.Application.Lake;
using MeshStudio.Application.Sources;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Core.Telemetry;
using MeshStudio.Engine.Durability;
using MeshStudio.Engine.Ingestion.Files;
using Microsoft.Extensions.Logging;

namespace MeshStudio.Application.Ingestion;

/// <summary>
/// File drops and uploads of file sources: finds waiting inbox files, ingests them through the engine's
/// <see cref="FileIngester"/> and keeps the catalog's columns in step with inference and drift.
/// </summary>
public sealed partial class FileSourceIngestion(
    SourceService sources, FileIngester ingester, LakeDiskStatus disk, TimeProvider time, ILogger<FileSourceIngestion> logger)
{
    public const long MaxUploadBytes = 256L * 1024 * 1024;
    public const int ChunkBytes = 256 * 1024;

    /// <summary>A dropped file is taken once it has not changed for this long (a copy may still be running).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    private static FileSourceSpec SpecOf(Source source) =>
        new(new QualifiedName(source.Domain!.Name, source.Name), source.Format, source.Path ?? "", source.Columns, source.SchemaInferred);

    /// <summary>One pass over every file source's inbox; returns the files ingested (or quarantined).</summary>
    public async Task<int> IngestWaitingAsync(CancellationToken ct)
    {
        try
        {
            return await IngestInboxesAsync(ct);
        }
        catch (Exception e) when (e is not LakeFullException && disk.RecordIfDiskFull(e))
        {
            throw new LakeFullException(e);
        }
    }

    private async Task<int> IngestInboxesAsync(CancellationToken ct)
    {
        var done = 0;
        foreach (var source in await sources.ListFileSourcesAsync(ct))
        {
            if (string.IsNullOrWhiteSpace(source.Path))
                continue;
            foreach (var file in ingester.Pending(SpecOf(source), SettleTime))
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    var name = SpecOf(source).Name;
                    var result = await IngestAsync(name, file, ct);
                    done++;
                    if (result.FileQuarantined)
                        LogFileQuarantined(logger, file.RelativePath, name, result.Reason);
                    else
                        LogIngested(logger, file.RelativePath, name, result.Rows, result.QuarantinedRows);
                }
                catch (FileNotFoundException)
                {
                    // taken by an upload or moved away meanwhile
                }
            }
        }
        return done;
    }

    /// <summary>Ingests one inbox file of a source, with the source's current schema.</summary>
    public async Task<FileIngestResult> IngestAsync(QualifiedName name, InboxFile file, CancellationToken ct)
    {
        var source = await sources.FindAsync(name, ct) ?? throw new KeyNotFoundException($"There is no source {name}.");
        var result = await ingester.IngestAsync(SpecOf(source), file,
            (schema, token) => sources.ApplyFileSchemaAsync(name, schema.Columns,
                schema.Changes.Count > 0 ? schema.Changes.Select(c => c.ToString()).ToList() : ["no columns"], file.RelativePath, token),
            ct);
        if (!result.AlreadyIngested && result.Rows > 0)
            MeshTelemetry.RecordIngest(name.ToString(), "file", result.Rows, file.Size);
        return result;
    }

    /// <summary>
    /// Stores an uploaded file in the source's upload folder (in chunks, reporting the bytes copied) and ingests it
    /// at once. Only authors of the domain may upload; the name is reduced to a plain file name.
    /// </summary>
    public Task<FileIngestResult> UploadAsync(UserContext user, QualifiedName name, string fileName, Stream content, long? length,
        IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        EnsureMayUpload(user, name);
        return disk.WriteAsync(() => StoreUploadAsync(name, fileName, content, length, progress, ct));
    }

    private async Task<FileIngestResult> StoreUploadAsync(QualifiedName name, string fileName, Stream content, long? length,
        IProgress<long>? progress, CancellationToken ct)
    {
        var source = await sources.FindAsync(name, ct);
        if (source is null)
            throw new KeyNotFoundException($"There is no source {name}.");
        if (source.Kind != SourceKind.File)
            throw new RuleViolationException($"{name} is an HTTP source; send its events to POST /api/ingest/{name.Domain}/{name.Name}. Files can be uploaded to file sources only.");
        var safeName = UploadFileName.Sanitise(fileName, source.Format);
        if (length > MaxUploadBytes)
            throw new RuleViolationException(TooLarge(length.Value));

        var folder = ingester.UploadDirectory(name);
        var target = Path.Combine(folder, UploadFileName.Stamped(time.GetUtcNow().UtcDateTime, safeName));
        await using (var output = DurableFile.Create(folder, ".part-", ChunkBytes))
        {
            var buffer = new byte[ChunkBytes];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxUploadBytes)
                    throw new RuleViolationException(TooLarge(total));
                await output.Stream.WriteAsync(buffer.AsMemory(0, read), ct);
                progress?.Report(total);
            }
            if (total == 0)
                throw new RuleViolationException($"The file {safeName} is empty; nothing to ingest.");
            await output.Stream.FlushAsync(ct);
            output.Commit(target);
        }
        return await IngestAsync(name, ingester.UploadedFile(name, target), ct);
    }

    /// <summary>Only authors of the source's domain may upload; checked before an upload's body is read.</summary>
    public static void EnsureMayUpload(UserContext user, QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(name);
        if (!AccessRules.CanAuthorIn(user, name.Domain))
            throw new AccessDeniedException($"Only members of the {name.Domain} domain can upload files to its sources.");
    }

    /// <summary>The source's file counters (members of its domain).</summary>
    public FileIngestCounters Counters(QualifiedName name) => ingester.Counters(name);

    /// <summary>The newest quarantined rows of a source; members of its domain only.</summary>
    public IReadOnlyList<QuarantinedRow> Quarantine(UserContext user, QualifiedName name, int limit)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!AccessRules.CanReadSource(user, name.Domain))
            throw new AccessDeniedException($"Sources are internal to the {name.Domain} domain.");
        return ingester.ReadQuarantine(name, limit);
    }

    private static string TooLarge(long bytes) =>
        $"The file is {bytes / (1024.0 * 1024):0.#} MiB; uploads may be at most {MaxUploadBytes / (1024 * 1024)} MiB. Split it, or drop it into the domain inbox.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {File} into {Source}: {Rows} rows, {Quarantined} quarantined")]
    private static partial void LogIngested(ILogger logger, string file, QualifiedName source, long rows, long quarantined);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarantined the whole file {File} of {Source}: {Reason}")]
    private static partial void LogFileQuarantined(ILogger logger, string file, QualifiedName source, string? reason);
}
