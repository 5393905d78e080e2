using System.Globalization;

namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// A contract as the ODCS document tree it is written as: named fields in the standard's order, each level's extra
/// fields after them in the order they were read, absent fields left out. YAML and JSON are renderings of this tree.
/// </summary>
public static class ContractTree
{
    public static ContractValue.Mapping From(DataContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var fields = new FieldList()
            .Text("apiVersion", contract.ApiVersion)
            .Text("kind", contract.Kind)
            .Text("id", contract.Id)
            .Text("name", contract.Name)
            .Text("version", contract.Version)
            .Text("status", contract.Status)
            .Text("domain", contract.Domain)
            .Text("dataProduct", contract.DataProduct)
            .Add("description", contract.Description is { } d ? Description(d) : null)
            .List("schema", contract.Schema, SchemaObject, always: true)
            .List("support", contract.Support, Support)
            .Add("team", contract.Team is { } t ? Team(t) : null)
            .List("slaProperties", contract.SlaProperties, Sla)
            .List("tags", contract.Tags, ContractValue.OfText);
        return fields.With(contract.Extras);
    }

    private static ContractValue.Mapping Description(ContractDescription d) => new FieldList()
        .Text("purpose", d.Purpose).Text("usage", d.Usage).Text("limitations", d.Limitations).With(d.Extras);

    private static ContractValue.Mapping SchemaObject(ContractSchemaObject o) => new FieldList()
        .Text("name", o.Name)
        .Text("physicalName", o.PhysicalName)
        .Text("logicalType", o.LogicalType)
        .Text("physicalType", o.PhysicalType)
        .Text("description", o.Description)
        .List("properties", o.Properties, Property)
        .List("quality", o.Quality, Quality)
        .With(o.Extras);

    private static ContractValue.Mapping Property(ContractProperty p) => new FieldList()
        .Text("name", p.Name)
        .Text("logicalType", p.LogicalType)
        .Text("physicalType", p.PhysicalType)
        .Text("description", p.Description)
        .Bool("required", p.Required)
        .Bool("primaryKey", p.PrimaryKey)
        .Add("primaryKeyPosition", p.PrimaryKeyPosition is { } position ? ContractValue.OfPlain(position.ToString(CultureInfo.InvariantCulture)) : null)
        .Text("classification", p.Classification)
        .List("quality", p.Quality, Quality)
        .With(p.Extras);

    private static ContractValue.Mapping Quality(ContractQualityRule q) => new FieldList()
        .Text("name", q.Name)
        .Text("description", q.Description)
        .Text("type", q.Type)
        .Text("dimension", q.Dimension)
        .Text("metric", q.Metric)
        .Text("query", q.Query)
        .Add("mustBe", q.MustBe is { } mustBe ? new ContractValue.Scalar(mustBe, !PlainScalars.IsNumber(mustBe)) : null)
        .Text("severity", q.Severity)
        .With(q.Extras);

    private static ContractValue.Mapping Sla(ContractSla s) => new FieldList()
        .Text("property", s.Property).Add("value", s.Value).Text("unit", s.Unit).Text("element", s.Element).With(s.Extras);

    private static ContractValue Team(ContractTeam t)
    {
        var members = new ContractValue.Sequence(t.Members.Select(Member).ToList());
        return t.WrittenAsList
            ? members
            : new FieldList().Text("name", t.Name).Text("description", t.Description).Add("members", members).With(t.Extras);
    }

    private static ContractValue.Mapping Member(ContractTeamMember m) => new FieldList()
        .Text("username", m.Username).Text("name", m.Name).Text("role", m.Role).Text("description", m.Description).With(m.Extras);

    private static ContractValue.Mapping Support(ContractSupportChannel s) => new FieldList()
        .Text("channel", s.Channel).Text("tool", s.Tool).Text("url", s.Url).Text("description", s.Description).With(s.Extras);

    /// <summary>Fields of one mapping being built; absent values are left out.</summary>
    private sealed class FieldList
    {
        private readonly List<ContractField> _fields = [];

        public FieldList Add(string name, ContractValue? value)
        {
            if (value is not null)
                _fields.Add(new ContractField(name, value));
            return this;
        }

        public FieldList Text(string name, string? value) => Add(name, value is null ? null : ContractValue.OfText(value));

        public FieldList Bool(string name, bool? value) => Add(name, value is { } b ? ContractValue.OfPlain(b ? "true" : "false") : null);

        public FieldList List<T>(string name, IReadOnlyList<T> items, Func<T, ContractValue> item, bool always = false) =>
            Add(name, items.Count > 0 || always ? new ContractValue.Sequence(items.Select(item).ToList()) : null);

        public ContractValue.Mapping With(IReadOnlyList<ContractField> extras) => new([.. _fields, .. extras]);
    }
}
