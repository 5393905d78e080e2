using MeshStudio.Application.Jobs;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>
/// A product's contract (ADR 23): whoever can see the product reads it; its owner and the domain's owners replace it
/// with an ODCS v3 document that the product as it is now keeps. Without a saved one, it is generated.
/// </summary>
public sealed class ProductContracts(ProductService products, JobService jobs, IContractStore store)
{
    /// <summary>The longest contract accepted, in characters.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The contract of <paramref name="product"/>, or null when the user cannot see the product.</summary>
    public async Task<ContractView?> GetAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await products.GetAsync(user, product, cancellationToken) is not { } details)
            return null;
        var canEdit = AccessRules.CanEditContract(user, product.Domain, details.OwnerUserName);
        if (await store.FindAsync(product, cancellationToken) is { } saved)
            return new ContractView(ContractYamlReader.Read(saved), saved, Saved: true, canEdit);
        var generated = ContractGenerator.Generate(await FactsAsync(details, cancellationToken));
        return new ContractView(generated, ContractYamlWriter.Write(generated), Saved: false, canEdit);
    }

    /// <summary>
    /// Replaces the contract with <paramref name="text"/> (ODCS v3 YAML or JSON): a <see cref="ContractFormatException"/>
    /// when it cannot be read, a <see cref="RuleViolationException"/> when the product as it is now breaks it.
    /// </summary>
    public async Task<ContractView> SaveAsync(UserContext user, QualifiedName product, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var details = await EditableAsync(user, product, cancellationToken);
        if (text.Length > MaxLength)
            throw new RuleViolationException($"A contract is at most {MaxLength / 1024} KiB of text.");
        var contract = ContractYamlReader.Read(text);
        if (contract.Schema.Count > 0 && contract.ObjectFor(product.Name) is null)
            throw new RuleViolationException(
                $"The contract's schema describes {string.Join(", ", contract.Schema.Select(o => o.Name))} but not {product.Name}: name the product's schema object {product.Name}.");
        var facts = await FactsAsync(details, cancellationToken);
        if (details.Columns.Count > 0
            && ContractCheck.Compare(contract, product.Name, details.Columns, details.KeyColumns, NotNullExpectations.Columns(facts.Expectations)) is { Count: > 0 } differences)
            throw new RuleViolationException(
                $"{product} as it is now does not keep this contract: {string.Join(" ", differences.Select(d => d.Message))}");
        var yaml = ContractYamlWriter.Write(contract);
        await store.SaveAsync(user.UserName, product, yaml, cancellationToken);
        return new ContractView(contract, yaml, Saved: true, CanEdit: true);
    }

    /// <summary>Throws unless <paramref name="user"/> may replace the contract (so an endpoint can refuse before reading a body).</summary>
    public Task CheckEditorAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken) =>
        EditableAsync(user, product, cancellationToken);

    private async Task<ProductDetails> EditableAsync(UserContext user, QualifiedName product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var details = await products.GetAsync(user, product, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no product {product} you can see.");
        return AccessRules.CanEditContract(user, product.Domain, details.OwnerUserName)
            ? details
            : throw new AccessDeniedException($"Only the owner of {product} and the owners of the {product.Domain} domain edit its contract.");
    }

    private async Task<ProductFacts> FactsAsync(ProductDetails details, CancellationToken cancellationToken)
    {
        var job = details.Job is { } name ? await jobs.FindAsync(name, cancellationToken) : null;
        var statement = job is null ? null : MeshSqlParser.Parse(job.Definition) switch
        {
            CreateJobStatement create => create,
            AlterJobStatement alter => alter.Job,
            _ => null,
        };
        return new ProductFacts(details.Name, details.Title, details.Description, details.Tags, details.Status,
            details.OwnerUserName, details.OwnerDisplayName, details.Columns, details.KeyColumns,
            statement?.Expectations ?? [], job?.RunIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }
}
