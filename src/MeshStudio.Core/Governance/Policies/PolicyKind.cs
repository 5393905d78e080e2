namespace MeshStudio.Core.Governance.Policies;

/// <summary>What a policy checks. Each kind reads only facts the syntax tree, the job's output or the catalog gives.</summary>
public enum PolicyKind
{
    /// <summary>Product names match <see cref="PolicyDefinition.Pattern"/> (a regular expression).</summary>
    ProductNaming,

    /// <summary>Column names match <see cref="PolicyDefinition.Pattern"/> (a regular expression).</summary>
    ColumnNaming,

    /// <summary>
    /// Timestamp columns are in UTC: of type <c>TIMESTAMP WITH TIME ZONE</c>, or named with the suffix in
    /// <see cref="PolicyDefinition.Pattern"/> (default <c>_utc</c>) to say their wall-clock values are UTC.
    /// </summary>
    UtcTimestamps,

    /// <summary>The product has a named owner.</summary>
    Owner,

    /// <summary>The product's description has at least <see cref="PolicyDefinition.MinLength"/> characters.</summary>
    Description,

    /// <summary>Every column of the product is described.</summary>
    ColumnDescriptions,

    /// <summary>The product has a freshness promise: its job runs on a schedule (<c>run_interval</c>).</summary>
    FreshnessSla,

    /// <summary>The job writing the product has at least one <c>WITH EXPECTATION</c>.</summary>
    Expectations,

    /// <summary>The product has a committed snapshot.</summary>
    HasData,

    /// <summary>Per personal-data class, what must happen before a column leaves its domain (<see cref="PersonalDataAction"/>).</summary>
    PersonalData,
}
