namespace MeshStudio.Core.Governance;

/// <summary>The outcome of one automated governance check: one policy in force, evaluated on the product.</summary>
/// <param name="Check">Stable identifier (the policy's key), e.g. <c>owner-present</c>.</param>
/// <param name="Passed">Whether the product satisfies the check.</param>
/// <param name="Message">What was found, for the steward.</param>
/// <param name="Blocking">A failed blocking check prevents approval.</param>
/// <param name="Explanation">Why the policy asks for it, as the steward wrote it.</param>
public sealed record CheckResult(string Check, bool Passed, string Message, bool Blocking, string? Explanation = null);
