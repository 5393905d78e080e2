using MeshStudio.Core.Dialect;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using MeshStudio.Engine.Products;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>
/// Checks, before a job is saved or runs, that what it would write keeps the contract its product's owner saved: the
/// job's output columns as the product would store them, its key and the columns its expectations keep free of nulls.
/// </summary>
public sealed class ContractEnforcement(IContractStore store)
{
    /// <summary>How <paramref name="job"/>, producing <paramref name="output"/> (as DuckDB describes its SELECT), breaks its product's saved contract; empty when it keeps it or there is none.</summary>
    public async Task<IReadOnlyList<ContractDifference>> BreachesAsync(
        CreateJobStatement job, IReadOnlyList<ColumnSchema> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(output);
        if (await store.FindAsync(job.Target, cancellationToken) is not { } yaml)
            return [];
        var stored = output.Select(c => c with { Type = ExactParquetTypes.ExactType(c.Type) ?? c.Type }).ToList();
        return ContractCheck.Compare(ContractYamlReader.Read(yaml), job.Target.Name, stored, job.KeyColumns,
            NotNullExpectations.Columns(job.Expectations));
    }

    /// <summary>The refusal a user reads: which product's contract and each difference.</summary>
    public static string Refusal(CreateJobStatement job, IReadOnlyList<ContractDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(differences);
        return $"Job {job.Name} would break the contract of {job.Target} ({differences.Count} " +
            $"{(differences.Count == 1 ? "difference" : "differences")}): {string.Join(" ", differences.Select(d => d.Message))} " +
            "Change the job, or have the product's owner change the contract first.";
    }
}
