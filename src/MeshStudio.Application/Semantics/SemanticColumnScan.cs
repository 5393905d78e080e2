using MeshStudio.Core.Execution;

namespace MeshStudio.Application.Semantics;

/// <summary>What a steward's unmatched-values check reads: the columns, and a grant of exactly their sources.</summary>
public sealed record SemanticColumnScan(string Type, IReadOnlyList<SemanticColumn> Columns, SessionGrant Grant);
