using System.Globalization;
using MeshStudio.Core.Dialect;

namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// The contract of a product whose owner has not written one: what the platform already knows, stated as promises
/// (schema, key, descriptions, the job's expectations as quality rules, its schedule as the freshness SLA, the owner).
/// </summary>
public static class ContractGenerator
{
    public static DataContract Generate(ProductFacts product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var notNull = NotNullExpectations.Columns(product.Expectations);
        var name = product.Name;
        return new DataContract
        {
            Id = name.ToString(),
            Name = product.Title.Length > 0 ? product.Title : name.Name,
            Version = "1.0.0",
            Status = Status(product.Status),
            Domain = name.Domain,
            DataProduct = name.Name,
            Description = new ContractDescription
            {
                Purpose = product.Description.Length > 0 ? product.Description : null,
                Usage = $"Read in MeshStudio (queries, downloads, the API) by members of the {name.Domain} domain and by consumers it grants access.",
            },
            Schema =
            [
                new ContractSchemaObject
                {
                    Name = name.Name,
                    PhysicalName = name.ToString(),
                    Description = product.Title.Length > 0 ? product.Title : null,
                    Properties = product.Columns.Select(c => Property(c, product.KeyColumns, notNull)).ToList(),
                    Quality = product.Expectations.Select(Quality).ToList(),
                },
            ],
            SlaProperties = product.RunInterval is { } interval ? Sla(interval, name.Name) : [],
            Team = product.OwnerUserName is { } owner
                ? new ContractTeam
                {
                    Name = name.Domain,
                    Members = [new ContractTeamMember { Username = owner, Name = product.OwnerDisplayName, Role = ContractTeamMember.OwnerRole }],
                }
                : null,
            Support =
            [
                new ContractSupportChannel
                {
                    Channel = $"{name.Domain} domain owners",
                    Tool = "other",
                    Description = "Questions and access requests on the product's page in MeshStudio.",
                },
            ],
            Tags = product.Tags,
        };
    }

    /// <summary>ODCS status of a product status: draft, proposed (in review), active (published) or retired (rejected).</summary>
    public static string Status(ProductStatus status) => status switch
    {
        ProductStatus.InReview => "proposed",
        ProductStatus.Published => "active",
        ProductStatus.Rejected => "retired",
        _ => "draft",
    };

    private static ContractProperty Property(ColumnSchema column, IReadOnlyList<string> key, IReadOnlySet<string> notNull)
    {
        var position = key.ToList().FindIndex(k => string.Equals(k, column.Name, StringComparison.OrdinalIgnoreCase));
        return new ContractProperty
        {
            Name = column.Name,
            LogicalType = LogicalTypes.Of(column.Type),
            PhysicalType = column.Type,
            Description = column.Description,
            Required = notNull.Contains(column.Name) ? true : null,
            PrimaryKey = position >= 0 ? true : null,
            PrimaryKeyPosition = position >= 0 ? position + 1 : null,
            Classification = column.Pii is not null ? "restricted" : null,
        };
    }

    private static ContractQualityRule Quality(Expectation expectation) => new()
    {
        Name = expectation.Name,
        Description = expectation.Action switch
        {
            ExpectationAction.Drop => "Input rows that violate it are left out and quarantined.",
            ExpectationAction.Warn => "Input rows that violate it are counted and kept.",
            _ => "A run with a violating input row fails; the product keeps its previous snapshot.",
        },
        Type = "custom",
        Severity = expectation.Action == ExpectationAction.Fail ? "error" : "warning",
        Extras =
        [
            new ContractField("engine", ContractValue.OfText("meshstudio")),
            new ContractField("implementation", ContractValue.OfText(expectation.Predicate)),
        ],
    };

    /// <summary>The job's schedule as <c>frequency</c>, and freshness (<c>latency</c>) allowing one missed run.</summary>
    private static IReadOnlyList<ContractSla> Sla(TimeSpan interval, string product)
    {
        var (value, unit) = Duration(interval);
        var (latency, latencyUnit) = Duration(FreshnessSla.Default(interval));
        return
        [
            new ContractSla { Property = "frequency", Value = ContractValue.OfPlain(value), Unit = unit, Element = product },
            new ContractSla { Property = ContractSla.Latency, Value = ContractValue.OfPlain(latency), Unit = latencyUnit, Element = product },
        ];
    }

    private static (string Value, string Unit) Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => (Whole(span.TotalDays), "d"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => (Whole(span.TotalHours), "h"),
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => (Whole(span.TotalMinutes), "m"),
        _ => (Whole(Math.Ceiling(span.TotalSeconds)), "s"),
    };

    private static string Whole(double value) => ((long)value).ToString(CultureInfo.InvariantCulture);
}
