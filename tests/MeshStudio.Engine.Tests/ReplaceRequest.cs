using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Tests;

/// <summary>The request of a run that replaces the whole product (no previous snapshot, no probes): most writer tests.</summary>
public static class ReplaceRequest
{
    public static SnapshotRequest Of(
        SessionGrant grant, string selectSql, IReadOnlyList<string> keyColumns, QualifiedName product, IReadOnlyList<ExpectationCheck>? expectations = null) =>
        new(grant, selectSql, keyColumns, product, expectations ?? [], SnapshotPlan.Replace, []);
}
