namespace MeshStudio.Application.Domains;

public sealed record DomainSummary(
    string Name,
    string Description,
    int SourceCount,
    int ProductCount,
    IReadOnlyList<MemberView> Members);
