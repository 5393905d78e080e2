namespace MeshStudio.Application.Lineage;

/// <summary>One output column of a product: the columns it is computed from, followed upstream to the sources.</summary>
/// <param name="HasHiddenUpstream">Some of its upstream columns belong to things the user may not see (not listed).</param>
/// <param name="Personal">Null when it carries no personal data.</param>
public sealed record ColumnOrigins(string Column, IReadOnlyList<UpstreamColumn> Upstream, bool HasHiddenUpstream, PersonalData? Personal);
