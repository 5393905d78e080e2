using MeshStudio.Application.Governance.Policies;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products.Contracts;
using MeshStudio.Application.Products.Versions;
using MeshStudio.Application.Sources;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products.Versions;

namespace MeshStudio.Application.Execution;

/// <summary>
/// Deploys a pipeline script (CREATE SOURCE / CREATE JOB / ALTER JOB / DROP JOB statements) as the caller. The whole
/// script is parsed and checked before anything is applied; statements are then applied in order, each an idempotent
/// upsert (ALTER and DROP need the job to exist), and every created or altered job is validated against its inputs
/// and run once. A job changing a product's schema moves its version (ADR 25); a breaking change of a product in use is
/// written to the product's next major version instead (<see cref="MajorVersionDeployer"/>).
/// </summary>
public sealed class PipelineDeployer(
    SourceService sources, JobService jobs, JobRunner runner, ExecutionService execution, ProductVersions versions, MajorVersionDeployer majors,
    JobPolicyCheck policies)
{
    public async Task<DeployResult> DeployAsync(UserContext user, string domain, string script, CancellationToken cancellationToken)
    {
        CheckAuthor(user, domain);
        var parsed = MeshSqlParser.ParseScript(script);
        if (!parsed.Succeeded)
            return new DeployResult(parsed.Errors.Select(e => new StatementOutcome("script", null, false, e.Message, e)).ToList());
        var refused = parsed.Statements.Select(s => Refusal(domain, script, s)).OfType<StatementOutcome>().ToList();
        if (refused.Count > 0)
            return new DeployResult(refused);

        var outcomes = new List<StatementOutcome>();
        foreach (var statement in parsed.Statements)
        {
            var outcome = statement switch
            {
                CreateSourceStatement source => await DeploySourceAsync(user, source, cancellationToken),
                CreateJobStatement job => await DeployJobAsync(user, script, job, cancellationToken),
                AlterJobStatement alter => await AlterJobAsync(user, script, alter, cancellationToken),
                DropJobStatement drop => await DropJobAsync(user, script, drop, cancellationToken),
                _ => throw new InvalidOperationException("Refusal() lets only pipeline statements through."),
            };
            outcomes.Add(outcome);
            if (!outcome.Succeeded)
                break;
        }
        return new DeployResult(outcomes);
    }

    /// <summary>A permission refusal is an <see cref="AccessDeniedException"/> (403 in the API), never a statement outcome (400).</summary>
    public static void CheckAuthor(UserContext user, string domain)
    {
        if (!AccessRules.CanAuthorIn(user, domain))
            throw new AccessDeniedException($"Only analysts and owners of the {domain} domain deploy pipelines there.");
    }

    private static StatementOutcome? Refusal(string domain, string script, MeshStatement statement)
    {
        var (kind, name) = statement switch
        {
            CreateSourceStatement s => ("source", s.Name),
            CreateJobStatement j => ("job", j.Name),
            AlterJobStatement a => ("job", a.Name),
            DropJobStatement d => ("job", d.Name),
            _ => ("query", null),
        };
        string? problem = null;
        if (name is null)
            problem = "Only CREATE SOURCE, CREATE JOB, ALTER JOB and DROP JOB statements are deployed; run queries in the Studio or POST /api/sql.";
        else if (name.Domain != domain)
            problem = $"This script deploys to the {domain} domain, but the statement creates {name}.";
        return problem is null
            ? null
            : new StatementOutcome(kind, name?.ToString(), false, problem, SqlError.At(problem, script, statement.ScriptOffset));
    }

    private async Task<StatementOutcome> DeploySourceAsync(UserContext user, CreateSourceStatement source, CancellationToken cancellationToken)
    {
        await sources.UpsertAsync(user, source, source.Text, cancellationToken);
        return new StatementOutcome("source", source.Name.ToString(), true, $"Source {source.Name} deployed.");
    }

    private async Task<StatementOutcome> DeployJobAsync(UserContext user, string script, CreateJobStatement job, CancellationToken cancellationToken)
    {
        var (invalidJob, plan, warnings) = await CheckJobAsync(user, script, job, job.ScriptOffset, cancellationToken);
        if (invalidJob is not null)
            return invalidJob;
        if (plan?.NewMajor is not null)
            return await majors.DeployAsync(user, job, plan, cancellationToken) with { PolicyViolations = warnings };
        await jobs.SaveAsync(user, job, job.Text, cancellationToken);
        await RecordAsync(user, plan, cancellationToken);
        var run = await runner.RunAsync(job.Name, cancellationToken);
        if (!run.Succeeded)
        {
            var error = SqlPositions.Shift(run.Error!, script, job.ScriptOffset);
            return new StatementOutcome("job", job.Name.ToString(), false, $"Job {job.Name} saved, but its first run failed: {error.Message}", error);
        }
        return new StatementOutcome("job", job.Name.ToString(), true,
            $"Job {job.Name} deployed; {job.Target} has {run.RowCount:N0} rows.{Versioned(plan)}{WarningNote(warnings)}", Rows: run.RowCount,
            PolicyViolations: warnings);
    }

    /// <summary>
    /// The job's SELECT and expectations checked against its inputs as the user, the governance policies in force on
    /// its output, and what its output does to its product's version: a refusal when it breaks a blocking policy or the
    /// saved contract of a product nobody else uses yet (a draft), else the version plan (null for a new product or
    /// when no query slot was free to describe it) and the policies' warnings.
    /// </summary>
    private async Task<(StatementOutcome? Invalid, VersionPlan? Plan, IReadOnlyList<PolicyViolation> Warnings)> CheckJobAsync(
        UserContext user, string script, CreateJobStatement job, int statementOffset, CancellationToken cancellationToken)
    {
        var (output, invalid) = await execution.DescribeAsync(user, job.Query, cancellationToken);
        var error = invalid is null
            ? await execution.ValidateExpectationsAsync(user, job, script, cancellationToken)
            : SqlPositions.Shift(invalid, script, job.QueryOffset);
        if (error is not null)
            return (new StatementOutcome("job", job.Name.ToString(), false, error.Message, error), null, []);
        var violations = await policies.CheckAsync(script, job, output, cancellationToken);
        var blocking = violations.Where(v => v.Blocks).ToList();
        if (blocking.Count > 0)
        {
            var message = $"Job {job.Name} breaks {blocking.Count} blocking governance {(blocking.Count == 1 ? "policy" : "policies")}: " +
                          string.Join(" ", blocking.Select(v => v.Error.Message));
            return (new StatementOutcome("job", job.Name.ToString(), false, message, blocking[0].Error, PolicyViolations: violations), null, []);
        }
        var plan = output is null ? null : await versions.PlanAsync(job, output, cancellationToken);
        if (plan is not { NewMajor: null, ContractBreaches.Count: > 0 })
            return (null, plan, violations);
        var refusal = ContractEnforcement.Refusal(job, plan.ContractBreaches);
        return (new StatementOutcome("job", job.Name.ToString(), false, refusal, SqlError.At(refusal, script, statementOffset),
            ContractDifferences: plan.ContractBreaches), null, []);
    }

    private static string WarningNote(IReadOnlyList<PolicyViolation> warnings) =>
        warnings.Count == 0 ? "" : $" {warnings.Count} policy warning(s): {string.Join(" ", warnings.Select(w => w.Error.Message))}";

    private async Task RecordAsync(UserContext user, VersionPlan? plan, CancellationToken cancellationToken)
    {
        if (plan is not null)
            await versions.RecordAsync(user, plan, cancellationToken);
    }

    private static string Versioned(VersionPlan? plan) => plan?.Classification is { Bump: not VersionBump.None } c
        ? $" Version {c.From} → {c.To} ({c.Bump.ToString().ToLowerInvariant()})."
        : "";

    /// <summary>ALTER JOB: checked like a CREATE JOB, then a new version of the existing job, run at once as a backfill.</summary>
    private async Task<StatementOutcome> AlterJobAsync(UserContext user, string script, AlterJobStatement alter, CancellationToken cancellationToken)
    {
        var job = alter.Job;
        var (invalidJob, plan, warnings) = await CheckJobAsync(user, script, job, alter.ScriptOffset, cancellationToken);
        if (invalidJob is not null)
            return invalidJob;
        if (plan?.NewMajor is not null)
            return await majors.DeployAsync(user, job, plan, cancellationToken) with { PolicyViolations = warnings };
        try
        {
            await jobs.AlterAsync(user, alter, cancellationToken);
        }
        catch (RuleViolationException e)
        {
            return new StatementOutcome("job", job.Name.ToString(), false, e.Message, SqlError.At(e.Message, script, alter.ScriptOffset));
        }
        await RecordAsync(user, plan, cancellationToken);
        var run = await runner.RunAsync(job.Name, cancellationToken);
        if (!run.Succeeded)
        {
            var error = SqlPositions.Shift(AlterJobStatement.ToAlterPosition(run.Error!), script, alter.ScriptOffset);
            return new StatementOutcome("job", job.Name.ToString(), false,
                $"Job {job.Name} altered (new version saved), but its backfill run failed: {error.Message}", error);
        }
        return new StatementOutcome("job", job.Name.ToString(), true,
            $"Job {job.Name} altered and backfilled; {job.Target} has {run.RowCount:N0} rows.{Versioned(plan)}{WarningNote(warnings)}",
            Rows: run.RowCount, PolicyViolations: warnings);
    }

    /// <summary>DROP JOB: the job and its schedule go; its product keeps its data.</summary>
    private async Task<StatementOutcome> DropJobAsync(UserContext user, string script, DropJobStatement drop, CancellationToken cancellationToken)
    {
        try
        {
            var dropped = await jobs.DropAsync(user, drop.Name, drop.IfExists, cancellationToken);
            return new StatementOutcome("job", drop.Name.ToString(), true, dropped
                ? $"Job {drop.Name} dropped; the product it wrote keeps its data."
                : $"There is no job {drop.Name}; nothing to drop.");
        }
        catch (RuleViolationException e)
        {
            return new StatementOutcome("job", drop.Name.ToString(), false, e.Message, SqlError.At(e.Message, script, drop.ScriptOffset));
        }
    }
}
