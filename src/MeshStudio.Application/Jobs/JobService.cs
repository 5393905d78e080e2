using System.Globalization;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Jobs;

/// <summary>Deployed jobs, their schedule and their run history.</summary>
public sealed partial class JobService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, JobCommitter committer, TimeProvider time)
{
    /// <summary>
    /// Deploys a job (authors of its domain): creates or updates it, running as <paramref name="actor"/>,
    /// and creates its target product as a Draft owned by the actor when it does not exist yet.
    /// </summary>
    /// <remarks>
    /// A new job gets version 1; a job deployed again with a changed definition gets the next version and a backfill
    /// (<see cref="Job.BackfillCheckpoint"/>); an unchanged definition keeps its version and checkpoint.
    /// </remarks>
    internal Task<Job> SaveAsync(UserContext actor, CreateJobStatement stmt, string definition, CancellationToken ct) =>
        SaveCoreAsync(actor, stmt, definition, alter: false, ct);

    private async Task<Job> SaveCoreAsync(UserContext actor, CreateJobStatement stmt, string definition, bool alter, CancellationToken ct)
    {
        var name = stmt.Name;
        if (!AccessRules.CanAuthorIn(actor, name.Domain))
            throw new AccessDeniedException($"Only members of the {name.Domain} domain can deploy its jobs.");
        if (stmt.Target.Domain != name.Domain)
            throw new RuleViolationException(
                $"Job {name} writes to {stmt.Target}, but a job may only write products of its own domain ({name.Domain}).");
        var interval = RunIntervalSeconds(stmt);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var domain = await db.Domains.SingleOrDefaultAsync(d => d.Name == name.Domain, ct)
            ?? throw new RuleViolationException($"There is no domain named '{name.Domain}'.");
        if (alter)
            await CheckAlterableAsync(db, domain.Id, stmt, ct);
        if (await db.Sources.AnyAsync(s => s.DomainId == domain.Id && s.Name == stmt.Target.Name, ct))
            throw new RuleViolationException($"{stmt.Target} is a source; a job writes to a data product with another name.");

        var now = time.GetUtcNow().UtcDateTime;
        var product = await db.Products.SingleOrDefaultAsync(p => p.DomainId == domain.Id && p.Name == stmt.Target.Name, ct);
        var keys = stmt.KeyColumns.ToList();
        if (product is null)
        {
            product = db.Products.Add(new Product
            {
                DomainId = domain.Id,
                Name = stmt.Target.Name,
                Title = DefaultTitle(stmt.Target.Name),
                OwnerUserId = actor.UserId,
                Status = ProductStatus.Draft,
                KeyColumns = keys,
                CreatedAt = now,
            }).Entity;
            audit.Append(db, actor.UserName, "product.created", stmt.Target.ToString(), $"draft, by job {name}");
        }
        else if (!product.KeyColumns.SequenceEqual(keys, StringComparer.Ordinal))
        {
            if (product.Status is ProductStatus.Published or ProductStatus.InReview)
                throw new RuleViolationException(
                    $"{stmt.Target} is keyed by ({string.Join(", ", product.KeyColumns)}); changing its key to " +
                    $"({string.Join(", ", keys)}) would break its consumers. Write to a new product instead.");
            product.KeyColumns = keys;
        }
        await db.SaveChangesAsync(ct);

        var job = await db.Jobs.SingleOrDefaultAsync(j => j.DomainId == domain.Id && j.Name == name.Name, ct);
        var jobId = job?.Id ?? 0;
        var productId = product.Id;
        var other = await db.Jobs.Where(j => j.ProductId == productId && j.Id != jobId)
            .Select(j => j.Name).FirstOrDefaultAsync(ct);
        if (other is not null)
            throw new RuleViolationException(
                $"{stmt.Target} is already kept up to date by job {name.Domain}.{other}; a product has one job.");
        job ??= db.Jobs.Add(new Job
        {
            DomainId = domain.Id,
            Name = name.Name,
            Definition = definition,
            RunAsUserId = actor.UserId,
            CreatedAt = now,
        }).Entity;
        var newVersion = job.Id == 0 || alter || job.Definition != definition;
        if (job.Id != 0 && newVersion)
            job.Checkpoint = Job.BackfillCheckpoint;
        job.Definition = definition;
        job.ProductId = product.Id;
        job.RunIntervalSeconds = interval;
        job.RunAsUserId = actor.UserId;
        audit.Append(db, actor.UserName, alter ? "job.altered" : "job.saved", name.ToString(), definition);
        await db.SaveChangesAsync(ct);
        if (newVersion)
            await AddVersionAsync(db, job.Id, definition, actor, now, ct);
        await tx.CommitAsync(ct);

        job.Domain = domain;
        job.Product = product;
        return job;
    }

    /// <summary>The jobs of the user's domains (every job for admins).</summary>
    public async Task<IReadOnlyList<JobView>> ListAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = user.Memberships.Keys.ToList();
        var rows = await db.Jobs.AsNoTracking()
            .Where(j => user.IsAdmin || domains.Contains(j.Domain!.Name))
            .OrderBy(j => j.Domain!.Name).ThenBy(j => j.Name)
            .Select(j => new
            {
                Domain = j.Domain!.Name,
                j.Name,
                Product = j.Product!.Name,
                j.RunIntervalSeconds,
                j.IsPaused,
                j.LastRunAt,
                j.LastRunSucceeded,
                j.LastError,
                j.Definition,
                LastExpectations = j.Runs.OrderByDescending(r => r.Id).Select(r => r.ExpectationsJson).FirstOrDefault(),
                HasQuarantine = j.Runs.Any(r => r.Succeeded && r.QuarantineLocation != null),
            })
            .ToListAsync(ct);
        return rows.Select(j => new JobView(
                new QualifiedName(j.Domain, j.Name), new QualifiedName(j.Domain, j.Product), j.RunIntervalSeconds,
                j.IsPaused, j.LastRunAt, j.LastRunSucceeded, j.LastError, j.Definition)
        {
            LastRunExpectations = ExpectationCounters.Deserialize(j.LastExpectations),
            HasQuarantine = j.HasQuarantine,
        })
            .ToList();
    }

    /// <summary>The job with its product and domain, or null. No access check: for the engine.</summary>
    internal async Task<Job?> FindAsync(QualifiedName name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AsNoTracking()
            .Include(j => j.Product)
            .Include(j => j.Domain)
            .SingleOrDefaultAsync(j => j.Domain!.Name == name.Domain && j.Name == name.Name, ct);
    }

    /// <summary>
    /// The names of the scheduled, unpaused jobs whose interval has elapsed since their last run (or that never ran),
    /// longest waiting first: what the scheduler starts.
    /// </summary>
    public async Task<IReadOnlyList<QualifiedName>> DueAsync(DateTime nowUtc, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A catalog holds few jobs: filter the schedule in memory rather than with SQLite date arithmetic.
        var scheduled = await db.Jobs.AsNoTracking()
            .Where(j => j.RunIntervalSeconds != null && !j.IsPaused)
            .Select(j => new { Domain = j.Domain!.Name, j.Name, j.LastRunAt, Interval = j.RunIntervalSeconds!.Value })
            .ToListAsync(ct);
        return scheduled
            .Where(j => j.LastRunAt is null || j.LastRunAt.Value.AddSeconds(j.Interval) <= nowUtc)
            .OrderBy(j => j.LastRunAt ?? DateTime.MinValue)
            .Select(j => new QualifiedName(j.Domain, j.Name))
            .ToList();
    }

    /// <summary>Records one run: updates the job's last-run fields, appends the run and prunes old runs.</summary>
    public Task RecordRunAsync(int jobId, DateTime startedAt, DateTime finishedAt, long rowsOut, string? error, CancellationToken ct) =>
        RecordRunAsync(jobId, startedAt, finishedAt, rowsOut, error, [], null, ct);

    /// <summary>As above, with the run's expectation counters and the folder of its quarantined rows (null: none).</summary>
    public Task RecordRunAsync(
        int jobId, DateTime startedAt, DateTime finishedAt, long rowsOut, string? error,
        IReadOnlyList<ExpectationOutcome> expectations, string? quarantineLocation, CancellationToken ct) =>
        committer.RecordRunAsync(new JobRunRecord(jobId, startedAt, finishedAt, 0, rowsOut, null, null, error)
        {
            Expectations = expectations,
            QuarantineLocation = quarantineLocation,
        }, ct);

    /// <summary>Pauses or resumes a job (authors of its domain).</summary>
    public async Task SetPausedAsync(UserContext actor, QualifiedName job, bool paused, CancellationToken ct)
    {
        if (!AccessRules.CanAuthorIn(actor, job.Domain))
            throw new AccessDeniedException($"Only members of the {job.Domain} domain can pause or resume its jobs.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Jobs.SingleOrDefaultAsync(j => j.Domain!.Name == job.Domain && j.Name == job.Name, ct)
            ?? throw new RuleViolationException($"There is no job {job}.");
        if (entity.IsPaused == paused)
            return;
        entity.IsPaused = paused;
        audit.Append(db, actor.UserName, paused ? "job.paused" : "job.resumed", job.ToString(), "");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The newest runs of a job, newest first.</summary>
    public async Task<IReadOnlyList<JobRunView>> ListRunsAsync(QualifiedName job, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.JobRuns.AsNoTracking()
            .Where(r => db.Jobs.Any(j => j.Id == r.JobId && j.Domain!.Name == job.Domain && j.Name == job.Name))
            .OrderByDescending(r => r.Id)
            .Take(Math.Clamp(take, 0, JobCommitter.RunsKept))
            .Select(r => new
            {
                r.Id,
                r.StartedAt,
                r.FinishedAt,
                r.RowsOut,
                r.Succeeded,
                r.Error,
                r.ExpectationsJson,
                r.QuarantineLocation,
                r.RowsIn,
                r.LatencyMs,
                r.Mode,
            })
            .ToListAsync(ct);
        return rows.Select(r => new JobRunView(r.Id, r.StartedAt, r.FinishedAt, r.RowsOut, r.Succeeded, r.Error)
        {
            Expectations = ExpectationCounters.Deserialize(r.ExpectationsJson),
            QuarantineLocation = r.QuarantineLocation,
            RowsIn = r.RowsIn,
            LatencyMs = r.LatencyMs,
            Mode = r.Mode,
        })
            .ToList();
    }

    /// <summary>
    /// Where the quarantined rows of the job's most recent runs that quarantined any are (newest first, at most
    /// <paramref name="take"/>), for members of the job's domain. An incremental run quarantines only its new rows,
    /// so the quarantine is the union over runs.
    /// </summary>
    public async Task<IReadOnlyList<string>> QuarantineAsync(UserContext user, QualifiedName job, int take, CancellationToken ct)
    {
        // Quarantined rows are raw input rows: readable by those who read the sources, not by every author (admins).
        if (!AccessRules.CanReadSource(user, job.Domain))
            throw new AccessDeniedException($"Only members of the {job.Domain} domain can browse its jobs' quarantine.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.JobRuns.AsNoTracking()
            .Where(r => r.Succeeded && r.QuarantineLocation != null
                        && db.Jobs.Any(j => j.Id == r.JobId && j.Domain!.Name == job.Domain && j.Name == job.Name))
            .OrderByDescending(r => r.Id)
            .Select(r => r.QuarantineLocation!)
            .Take(take)
            .ToListAsync(ct);
    }

    private static double? RunIntervalSeconds(CreateJobStatement stmt)
    {
        if (!stmt.Options.TryGetValue("run_interval", out var text))
            return null;
        var interval = stmt.RunInterval
            ?? throw new RuleViolationException(
                $"Job {stmt.Name}: run_interval '{text}' is not an interval; write e.g. '2 seconds', '5 minutes' or '1 hour'.");
        if (interval <= TimeSpan.Zero)
            throw new RuleViolationException($"Job {stmt.Name}: run_interval must be positive.");
        if (interval > TimeSpan.FromDays(366))
            throw new RuleViolationException($"Job {stmt.Name}: run_interval may be at most a year.");
        if (interval < TimeSpan.FromMilliseconds(100))
            throw new RuleViolationException($"Job {stmt.Name}: run_interval must be at least 100 ms.");
        return interval.TotalSeconds;
    }

    /// <summary><c>revenue_by_country</c> → <c>Revenue by country</c>.</summary>
    private static string DefaultTitle(string name)
    {
        var words = name.Replace('_', ' ').Trim();
        return words.Length == 0 ? name : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}
