using MeshStudio.Catalog;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Jobs;

/// <summary>A job's lifecycle after its first deploy: ALTER with versions, backfill, DROP, and its page.</summary>
public sealed partial class JobService
{
    /// <summary>
    /// Replaces the definition of an existing job (authors of its domain) with the one of an ALTER JOB: it must write
    /// the same product. Adds a version and requests a backfill, so the next run recomputes the product from the beginning.
    /// </summary>
    internal Task<Job> AlterAsync(UserContext actor, AlterJobStatement stmt, CancellationToken ct) =>
        SaveCoreAsync(actor, stmt.Job, stmt.Definition, alter: true, ct);

    /// <summary>
    /// Drops a job (authors of its domain): the job, its schedule, runs and versions go; its product and data stay.
    /// Returns false when there was no such job and <paramref name="ifExists"/> allowed that.
    /// </summary>
    public async Task<bool> DropAsync(UserContext actor, QualifiedName job, bool ifExists, CancellationToken ct)
    {
        if (!AccessRules.CanAuthorIn(actor, job.Domain))
            throw new AccessDeniedException($"Only members of the {job.Domain} domain can drop its jobs.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entity = await db.Jobs.Include(j => j.Product)
            .SingleOrDefaultAsync(j => j.Domain!.Name == job.Domain && j.Name == job.Name, ct);
        if (entity is null)
        {
            return ifExists
                ? false
                : throw new RuleViolationException($"There is no job {job}. Use DROP JOB IF EXISTS to ignore a missing job.");
        }
        await db.JobRuns.Where(r => r.JobId == entity.Id).ExecuteDeleteAsync(ct);
        await db.JobVersions.Where(v => v.JobId == entity.Id).ExecuteDeleteAsync(ct);
        db.Jobs.Remove(entity);
        audit.Append(db, actor.UserName, "job.dropped", job.ToString(),
            $"{job.Domain}.{entity.Product!.Name} keeps its data. Last definition: {entity.Definition}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Asks for a backfill (authors of its domain): the next run starts over from the beginning of the inputs with
    /// an empty product (<see cref="Job.BackfillCheckpoint"/>). The caller runs the job.
    /// </summary>
    public async Task RequestBackfillAsync(UserContext actor, QualifiedName job, CancellationToken ct)
    {
        if (!AccessRules.CanAuthorIn(actor, job.Domain))
            throw new AccessDeniedException($"Only members of the {job.Domain} domain can backfill its jobs.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Jobs.SingleOrDefaultAsync(j => j.Domain!.Name == job.Domain && j.Name == job.Name, ct)
            ?? throw new RuleViolationException($"There is no job {job}.");
        entity.Checkpoint = Job.BackfillCheckpoint;
        audit.Append(db, actor.UserName, "job.backfill_requested", job.ToString(), "");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A job with its state, version and recent runs for members of its domain; null when the domain has no such job.
    /// Throws <see cref="AccessDeniedException"/> for anyone else, whether or not the job exists.
    /// </summary>
    public async Task<JobDetails?> GetAsync(UserContext user, QualifiedName job, int recentRuns, CancellationToken ct)
    {
        CheckCanSee(user, job);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Jobs.AsNoTracking()
            .Where(j => j.Domain!.Name == job.Domain && j.Name == job.Name)
            .Select(j => new
            {
                Product = j.Product!.Name,
                ProductUpdatedAt = j.Product.LastUpdatedAt,
                ProductRows = j.Product.RowCount,
                j.RunIntervalSeconds,
                j.IsPaused,
                j.CreatedAt,
                j.LastRunAt,
                j.LastRunSucceeded,
                j.LastError,
                j.Definition,
                j.Checkpoint,
                RunAs = db.Users.Where(u => u.Id == j.RunAsUserId).Select(u => u.UserName).FirstOrDefault(),
                Version = j.Versions.Max(v => (int?)v.Version),
                LastExpectations = j.Runs.OrderByDescending(r => r.Id).Select(r => r.ExpectationsJson).FirstOrDefault(),
                HasQuarantine = j.Runs.Any(r => r.Succeeded && r.QuarantineLocation != null),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        return new JobDetails(
            job, new QualifiedName(job.Domain, row.Product), row.RunIntervalSeconds, row.IsPaused, row.Version ?? 1,
            row.Definition, row.CreatedAt, row.LastRunAt, row.LastRunSucceeded, row.LastError)
        {
            RunAsUserName = row.RunAs,
            ProductUpdatedAt = row.ProductUpdatedAt,
            ProductRowCount = row.ProductRows,
            BackfillPending = row.Checkpoint == Job.BackfillCheckpoint,
            LastRunExpectations = ExpectationCounters.Deserialize(row.LastExpectations),
            HasQuarantine = row.HasQuarantine,
            RecentRuns = recentRuns > 0 ? await ListRunsAsync(job, recentRuns, ct) : [],
        };
    }

    /// <summary>Every version of a job, newest first, for members of its domain; null when the domain has no such job.</summary>
    public async Task<IReadOnlyList<JobVersionView>?> ListVersionsAsync(UserContext user, QualifiedName job, CancellationToken ct)
    {
        CheckCanSee(user, job);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobId = await db.Jobs.Where(j => j.Domain!.Name == job.Domain && j.Name == job.Name)
            .Select(j => (int?)j.Id).SingleOrDefaultAsync(ct);
        if (jobId is null)
            return null;
        return await db.JobVersions.AsNoTracking()
            .Where(v => v.JobId == jobId)
            .OrderByDescending(v => v.Version)
            .Select(v => new JobVersionView(v.Version, v.Definition, v.CreatedAt, v.CreatedBy))
            .ToListAsync(ct);
    }

    /// <summary>Jobs are domain-internal: those who may author in the domain (members and admins) see their definitions.</summary>
    private static void CheckCanSee(UserContext user, QualifiedName job)
    {
        if (!AccessRules.CanAuthorIn(user, job.Domain))
            throw new AccessDeniedException($"Only members of the {job.Domain} domain can see its jobs.");
    }

    /// <summary>An ALTER JOB needs the job to exist and to keep writing the same product.</summary>
    private static async Task CheckAlterableAsync(MeshDbContext db, int domainId, CreateJobStatement stmt, CancellationToken ct)
    {
        var current = await db.Jobs.Where(j => j.DomainId == domainId && j.Name == stmt.Name.Name)
            .Select(j => j.Product!.Name).SingleOrDefaultAsync(ct)
            ?? throw new RuleViolationException($"There is no job {stmt.Name} to alter; create it with CREATE JOB.");
        if (current != stmt.Target.Name)
            throw new RuleViolationException(
                $"Job {stmt.Name} writes {stmt.Name.Domain}.{current}; ALTER JOB must keep writing it, not {stmt.Target}. " +
                "Drop the job and create a new one to write another product.");
    }

    private static async Task AddVersionAsync(MeshDbContext db, int jobId, string definition, UserContext actor, DateTime now, CancellationToken ct)
    {
        var last = await db.JobVersions.Where(v => v.JobId == jobId).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        db.JobVersions.Add(new JobVersion
        {
            JobId = jobId,
            Version = last + 1,
            Definition = definition,
            CreatedAt = now,
            CreatedBy = actor.UserName,
        });
        await db.SaveChangesAsync(ct);
    }
}
