using System.Text.RegularExpressions;
using MeshStudio.Application.Lineage;
using MeshStudio.Catalog;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>
/// The policies in force on the product a job would write, as the Studio shows them while typing and the deploy
/// enforces them: names from the statement and the syntax tree, types from the described output, personal data
/// through lineage. Each violation is positioned at the name or column it is about.
/// </summary>
/// <remarks>
/// Personal-data policies say what may leave the domain: a job writing a product that has not left it (not published)
/// only warns about them; its review blocks it. A published product's job is refused.
/// </remarks>
public sealed partial class JobPolicyCheck(
    PolicyService policies, LineageService lineage, ISqlParser parser, IDbContextFactory<MeshDbContext> dbFactory)
{
    /// <param name="script">The script the job is written in; positions are in it.</param>
    /// <param name="output">The job's output as DuckDB describes it, or null when it does not bind.</param>
    public async Task<IReadOnlyList<PolicyViolation>> CheckAsync(
        string script, CreateJobStatement job, IReadOnlyList<ColumnSchema>? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(job);
        var inForce = await policies.InForceAsync(job.Target.Domain, cancellationToken);
        if (inForce.Count == 0)
            return [];
        var subject = new PolicySubject(
            job.Target,
            ProductOffset: TargetOffset(script, job),
            Columns: await ColumnsAsync(job, output, cancellationToken),
            HasSchedule: job.RunInterval is not null,
            ExpectationCount: job.Expectations.Count);
        var published = await IsPublishedAsync(job.Target, cancellationToken);
        var personal = inForce.Where(p => p.Kind == PolicyKind.PersonalData).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return PolicyEvaluator.Evaluate(inForce, subject)
            .Where(f => !f.Passed)
            .Select(f => new PolicyViolation(f.PolicyKey,
                personal.Contains(f.PolicyKey) && !published ? PolicySeverity.Warn : f.Severity,
                f.Message, f.Explanation, SqlError.At(f.Text, script, f.Offset ?? job.ScriptOffset)))
            .ToList();
    }

    private async Task<IReadOnlyList<SubjectColumn>?> ColumnsAsync(
        CreateJobStatement job, IReadOnlyList<ColumnSchema>? output, CancellationToken cancellationToken)
    {
        if (parser.Parse(job.Query).Query is not { } query)
            return null;
        var traced = await lineage.OutputsOfAsync(query, cancellationToken);
        var names = output?.Select(c => c.Name).ToList() ?? traced.Select(c => c.Name).ToList();
        var positions = OutputPositions.Of(query, job.Query, names);
        return names.Select(name =>
        {
            var personal = traced.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            var type = output?.FirstOrDefault(c => c.Name == name)?.Type;
            int? offset = positions.TryGetValue(name, out var at) ? job.QueryOffset + at : null;
            return new SubjectColumn(name, type, null, personal?.Personal, personal?.MaskedPersonal, offset);
        }).ToList();
    }

    private async Task<bool> IsPublishedAsync(QualifiedName product, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.AnyAsync(
            p => p.Domain!.Name == product.Domain && p.Name == product.Name && p.Status == ProductStatus.Published, cancellationToken);
    }

    /// <summary>Where the product's name is written: after <c>INSERT INTO</c>.</summary>
    private static int? TargetOffset(string script, CreateJobStatement job)
    {
        var match = InsertInto().Match(script, Math.Clamp(job.ScriptOffset, 0, script.Length));
        return match.Success && match.Index < job.QueryOffset ? match.Index + match.Length : null;
    }

    [GeneratedRegex(@"\bINSERT\s+INTO\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InsertInto();
}
