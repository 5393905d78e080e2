using MeshStudio.Application.Governance;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products.Versions;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Identity;

namespace MeshStudio.Application.Execution;

/// <summary>
/// A breaking change of a product in use (ADR 25): the job is saved writing the product's next major version
/// (<c>name_vN</c>, a product of its own), backfills it, and the new major goes to governance review. The old major
/// keeps its name, its data and its snapshots, readable by its consumers as before, until the deprecation date its
/// owner sets; its consumers are listed in the outcome and told (ADR 26).
/// </summary>
public sealed class MajorVersionDeployer(JobService jobs, JobRunner runner, ProductVersions versions, ReviewService reviews)
{
    public async Task<StatementOutcome> DeployAsync(UserContext user, CreateJobStatement job, VersionPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(plan);
        var major = plan.NewMajor ?? throw new ArgumentException("The plan writes no new major version.", nameof(plan));
        var (statement, definition) = MeshSqlParser.Parse(job.Retarget(major)) switch
        {
            AlterJobStatement alter => (alter.Job, alter.Definition),
            CreateJobStatement create => (create, create.Text),
            _ => throw new InvalidOperationException("A retargeted job statement parses as a job statement."),
        };
        await jobs.SaveAsync(user, statement, definition, cancellationToken);
        var used = await versions.RecordAsync(user, plan, cancellationToken);
        var c = plan.Classification;
        var breaking = string.Join(" ", c.Differences.Where(d => d.Breaking).Select(d => d.Message));
        var claim = c.OverruledClaim is { } claimed ? $" The contract claims {claimed}, but the change breaks it." : "";
        var head = $"Breaking change of {plan.Product} ({breaking}){claim} Version {c.To} is written to {major}; " +
            $"{plan.Product} stays at {c.From} with its data, readable as before until its owner deprecates it. " +
            $"Consumers of {plan.Product}: {Describe(used)}.";
        var run = await runner.RunAsync(job.Name, cancellationToken);
        if (!run.Succeeded)
            return new StatementOutcome("job", job.Name.ToString(), false, $"{head} Job {job.Name} saved, but its first run of {major} failed: {run.Error!.Message}");
        string review;
        try
        {
            review = $"review #{await reviews.OpenAsync(user, major, cancellationToken)} is open for it";
        }
        catch (RuleViolationException e)
        {
            review = $"it could not go to review: {e.Message}";
        }
        return new StatementOutcome("job", job.Name.ToString(), true, $"{head} {major} has {run.RowCount:N0} rows; {review}.", Rows: run.RowCount)
        {
            NewMajorVersion = major.ToString(),
        };
    }

    private static string Describe(ConsumerList used)
    {
        var names = used.Users.Select(u => u.UserName).Concat(used.Jobs.Select(j => $"job {j.Job}")).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
