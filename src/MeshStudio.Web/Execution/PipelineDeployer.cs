using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Sources;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;

namespace MeshStudio.Web.Execution;

/// <summary>
/// Deploys a pipeline script (CREATE SOURCE / CREATE JOB statements) as the caller. The whole script is
/// parsed and checked before anything is applied; statements are then applied in order, each an idempotent
/// upsert, and every job is validated against its inputs and run once.
/// </summary>
public sealed class PipelineDeployer(
    SourceService sources, JobService jobs, JobRunner runner, ExecutionService execution)
{
    public async Task<DeployResult> DeployAsync(UserContext user, string domain, string script, CancellationToken cancellationToken)
    {
        var parsed = MeshSqlParser.ParseScript(script);
        if (!parsed.Succeeded)
            return new DeployResult(parsed.Errors.Select(e => new StatementOutcome("script", null, false, e.Message, e)).ToList());
        var refused = parsed.Statements.Select(s => Refusal(user, domain, script, s)).OfType<StatementOutcome>().ToList();
        if (refused.Count > 0)
            return new DeployResult(refused);

        var outcomes = new List<StatementOutcome>();
        foreach (var statement in parsed.Statements)
        {
            var outcome = statement switch
            {
                CreateSourceStatement source => await DeploySourceAsync(user, source, cancellationToken),
                CreateJobStatement job => await DeployJobAsync(user, script, job, cancellationToken),
                _ => throw new InvalidOperationException("Refusal() lets only CREATE statements through."),
            };
            outcomes.Add(outcome);
            if (!outcome.Succeeded)
                break;
        }
        return new DeployResult(outcomes);
    }

    private static StatementOutcome? Refusal(UserContext user, string domain, string script, MeshStatement statement)
    {
        var (kind, name) = statement switch
        {
            CreateSourceStatement s => ("source", s.Name),
            CreateJobStatement j => ("job", j.Name),
            _ => ("query", null),
        };
        string? problem = null;
        if (name is null)
            problem = "Only CREATE SOURCE and CREATE JOB statements are deployed; run queries in the Studio or POST /api/sql.";
        else if (name.Domain != domain)
            problem = $"This script deploys to the {domain} domain, but the statement creates {name}.";
        else if (!AccessRules.CanAuthorIn(user, domain))
            problem = $"Only analysts and owners of the {domain} domain deploy pipelines there.";
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
        var invalid = await execution.ValidateAsync(user, job.Query, cancellationToken);
        if (invalid is not null)
        {
            var error = SqlPositions.Shift(invalid, script, job.QueryOffset);
            return new StatementOutcome("job", job.Name.ToString(), false, error.Message, error);
        }
        var unbound = await execution.ValidateExpectationsAsync(user, job, script, cancellationToken);
        if (unbound is not null)
            return new StatementOutcome("job", job.Name.ToString(), false, unbound.Message, unbound);
        await jobs.SaveAsync(user, job, job.Text, cancellationToken);
        var run = await runner.RunAsync(job.Name, cancellationToken);
        if (!run.Succeeded)
        {
            var error = SqlPositions.Shift(run.Error!, script, job.ScriptOffset);
            return new StatementOutcome("job", job.Name.ToString(), false, $"Job {job.Name} saved, but its first run failed: {error.Message}", error);
        }
        return new StatementOutcome("job", job.Name.ToString(), true,
            $"Job {job.Name} deployed; {job.Target} has {run.RowCount:N0} rows.", Rows: run.RowCount);
    }
}
