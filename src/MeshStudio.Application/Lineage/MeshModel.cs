using MeshStudio.Catalog.Lineage;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>
/// The whole mesh as a graph (sources and products → the jobs that read them → the products they write), with each
/// job's column lineage from its query's syntax tree. Unfiltered: <see cref="GraphProjection"/> applies visibility.
/// </summary>
internal sealed class MeshModel
{
    private readonly Dictionary<string, MeshElement> _elements;
    private readonly Dictionary<string, List<string>> _inputs = [];
    private readonly Dictionary<QualifiedName, string> _jobOfProduct = [];
    private readonly Dictionary<string, IReadOnlyList<OutputColumn>> _outputs = [];

    private MeshModel(IEnumerable<MeshElement> elements) => _elements = elements.ToDictionary(e => e.Id, StringComparer.Ordinal);

    public IEnumerable<MeshElement> Elements => _elements.Values;

    public MeshElement this[string id] => _elements[id];

    public IReadOnlyList<string> InputsOf(string id) => _inputs.TryGetValue(id, out var inputs) ? inputs : [];

    public static MeshModel Build(MeshInventory inventory, ISqlParser parser, Func<QualifiedName, DateTime?> sourceFreshness)
    {
        var model = new MeshModel(
        [
            .. inventory.Sources.Select(s => new MeshElement(
                MeshElement.IdOf(LineageNodeKind.Source, s.Name), LineageNodeKind.Source, s.Name, s.Name.ToString(), s.Owner, s.Kind,
                sourceFreshness(s.Name), null, s.Columns)),
            .. inventory.Products.Select(p => new MeshElement(
                MeshElement.IdOf(LineageNodeKind.Product, p.Name), LineageNodeKind.Product, p.Name, p.Title, p.Owner, StatusOf(p.Status),
                p.LastUpdatedAt, p.Status, p.Columns)),
            .. inventory.Jobs.Select(j => new MeshElement(
                MeshElement.IdOf(LineageNodeKind.Job, j.Name), LineageNodeKind.Job, j.Name, j.Name.ToString(), j.RunAs, StatusOf(j),
                j.LastRunAt, null, [])),
        ]);
        foreach (var job in inventory.Jobs)
            model.AddJob(job, parser);
        return model;
    }

    /// <summary>The element a relation name in a query refers to (a source or a product), or null.</summary>
    public MeshElement? Resolve(string relation)
    {
        if (!QualifiedName.TryParse(relation.ToLowerInvariant(), out var name))
            return null;
        return _elements.GetValueOrDefault(MeshElement.IdOf(LineageNodeKind.Product, name))
               ?? _elements.GetValueOrDefault(MeshElement.IdOf(LineageNodeKind.Source, name));
    }

    /// <summary>What each output column of the job writing <paramref name="product"/> is computed from; empty without a job.</summary>
    public IReadOnlyList<OutputColumn> OutputsOf(QualifiedName product) =>
        _jobOfProduct.TryGetValue(product, out var job) && _outputs.TryGetValue(job, out var outputs) ? outputs : [];

    private void AddJob(InventoryJob job, ISqlParser parser)
    {
        var id = MeshElement.IdOf(LineageNodeKind.Job, job.Name);
        var product = MeshElement.IdOf(LineageNodeKind.Product, job.Product);
        _jobOfProduct[job.Product] = id;
        Link(id, product);
        var statement = MeshSqlParser.ParseScript(job.Definition).Statements.OfType<CreateJobStatement>().FirstOrDefault();
        if (statement is null || parser.Parse(statement.Query).Query is not { } query)
            return;
        foreach (var read in QueryRelations.Of(query))
        {
            if (Resolve(read.Name) is { } input)
                Link(input.Id, id);
        }
        _outputs[id] = ColumnLineage.Of(query, relation => Resolve(relation)?.Columns.Select(c => c.Name).ToList());
    }

    private void Link(string from, string to)
    {
        if (!_elements.ContainsKey(from) || !_elements.ContainsKey(to))
            return;
        if (!_inputs.TryGetValue(to, out var inputs))
            _inputs[to] = inputs = [];
        if (!inputs.Contains(from, StringComparer.Ordinal))
            inputs.Add(from);
    }

    private static string StatusOf(ProductStatus status) => status switch
    {
        ProductStatus.InReview => "in review",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string StatusOf(InventoryJob job) => job switch
    {
        { IsPaused: true } => "paused",
        { LastRunSucceeded: false } => "failing",
        { LastRunAt: null } => "never run",
        _ => "running",
    };
}
