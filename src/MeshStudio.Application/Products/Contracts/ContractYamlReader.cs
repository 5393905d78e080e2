using MeshStudio.Core.Products.Contracts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>
/// Reads an ODCS v3 contract from YAML (or JSON, which YAML reads as well). Every problem is a
/// <see cref="ContractFormatException"/> with its line, column and field; fields the model does not name are kept (ADR 23).
/// </summary>
public static class ContractYamlReader
{
    public static DataContract Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ContractFormatException(Problem(e), checked((int)e.Start.Line), checked((int)e.Start.Column));
        }
        if (stream.Documents.Count == 0)
            throw new ContractFormatException("the contract is empty.", 1, 1);
        if (stream.Documents.Count > 1)
            throw YamlFields.Error(stream.Documents[1].RootNode, "", "a file holds one contract; this is a second YAML document.");
        return Contract(YamlFields.Of(stream.Documents[0].RootNode, "", "a mapping of contract fields (apiVersion, kind, id, …)"));
    }

    private static DataContract Contract(YamlFields f)
    {
        var apiVersion = f.RequiredText("apiVersion");
        if (!apiVersion.StartsWith("v3.", StringComparison.Ordinal))
            throw YamlFields.Error(f.Find("apiVersion")!, "apiVersion", $"this is ODCS {apiVersion}; only ODCS v3 contracts (v3.x.y) are read.");
        var kind = f.RequiredText("kind");
        if (kind != DataContract.ContractKind)
            throw YamlFields.Error(f.Find("kind")!, "kind", $"kind must be {DataContract.ContractKind}, not {kind}.");
        return new DataContract
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Id = f.RequiredText("id"),
            Name = f.Text("name"),
            Version = f.RequiredText("version"),
            Status = f.RequiredText("status"),
            Domain = f.Text("domain"),
            DataProduct = f.Text("dataProduct"),
            Description = f.Find("description") is { } d ? Description(YamlFields.Of(d, "description", "a mapping (purpose, usage, limitations)")) : null,
            Schema = f.List("schema", (node, path) => SchemaObject(YamlFields.Of(node, path, "a schema object (name, properties, …)"))),
            Support = f.List("support", (node, path) => Support(YamlFields.Of(node, path, "a support channel (channel, tool, url)"))),
            Team = f.Find("team") is { } team ? Team(team) : null,
            SlaProperties = f.List("slaProperties", (node, path) => Sla(YamlFields.Of(node, path, "an SLA property (property, value, unit)"))),
            Tags = f.Texts("tags"),
            Extras = f.Extras(),
        };
    }

    private static ContractDescription Description(YamlFields f) => new()
    {
        Purpose = f.Text("purpose"),
        Usage = f.Text("usage"),
        Limitations = f.Text("limitations"),
        Extras = f.Extras(),
    };

    private static ContractSchemaObject SchemaObject(YamlFields f) => new()
    {
        Name = f.RequiredText("name"),
        PhysicalName = f.Text("physicalName"),
        LogicalType = f.Text("logicalType"),
        PhysicalType = f.Text("physicalType"),
        Description = f.Text("description"),
        Properties = f.List("properties", (node, path) => Property(YamlFields.Of(node, path, "a property (name, logicalType, …)"))),
        Quality = f.List("quality", Quality),
        Extras = f.Extras(),
    };

    private static ContractProperty Property(YamlFields f) => new()
    {
        Name = f.RequiredText("name"),
        LogicalType = f.Text("logicalType"),
        PhysicalType = f.Text("physicalType"),
        Description = f.Text("description"),
        Required = f.Bool("required"),
        PrimaryKey = f.Bool("primaryKey"),
        PrimaryKeyPosition = f.Integer("primaryKeyPosition"),
        Classification = f.Text("classification"),
        Quality = f.List("quality", Quality),
        Extras = f.Extras(),
    };

    private static ContractQualityRule Quality(YamlNode node, string path)
    {
        var f = YamlFields.Of(node, path, "a quality rule (type, description, …)");
        return new ContractQualityRule
        {
            Name = f.Text("name"),
            Description = f.Text("description"),
            Type = f.Text("type"),
            Dimension = f.Text("dimension"),
            Metric = f.Text("metric"),
            Query = f.Text("query"),
            MustBe = f.Number("mustBe"),
            Severity = f.Text("severity"),
            Extras = f.Extras(),
        };
    }

    private static ContractSla Sla(YamlFields f) => new()
    {
        Property = f.RequiredText("property"),
        Value = f.Scalar("value") ?? throw YamlFields.Error(f.Find("property")!, f.Child("value"), "the field value is required."),
        Unit = f.Text("unit"),
        Element = f.Text("element"),
        Extras = f.Extras(),
    };

    private static ContractTeam Team(YamlNode node)
    {
        if (node is YamlSequenceNode)
            return new ContractTeam { WrittenAsList = true, Members = Members(node, "team") };
        var f = YamlFields.Of(node, "team", "a team (name, members) or a list of members");
        return new ContractTeam
        {
            Name = f.Text("name"),
            Description = f.Text("description"),
            Members = f.Find("members") is { } members ? Members(members, "team.members") : [],
            Extras = f.Extras(),
        };
    }

    private static List<ContractTeamMember> Members(YamlNode node, string path) =>
        node is YamlSequenceNode list
            ? list.Children.Select((child, i) => Member(YamlFields.Of(child, $"{path}[{i}]", "a team member (username, role)"))).ToList()
            : throw YamlFields.Error(node, path, "expected a list of team members.");

    private static ContractTeamMember Member(YamlFields f) => new()
    {
        Username = f.RequiredText("username"),
        Name = f.Text("name"),
        Role = f.Text("role"),
        Description = f.Text("description"),
        Extras = f.Extras(),
    };

    private static ContractSupportChannel Support(YamlFields f) => new()
    {
        Channel = f.RequiredText("channel"),
        Tool = f.Text("tool"),
        Url = f.Text("url"),
        Description = f.Text("description"),
        Extras = f.Extras(),
    };

    /// <summary>YamlDotNet's message without the position it prefixes (the exception carries it).</summary>
    private static string Problem(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        message = message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
        return message.EndsWith('.') ? message : message + ".";
    }
}
