namespace MeshStudio.Core.Governance;

/// <summary>The outcome of one automated governance check.</summary>
/// <param name="Check">Stable identifier, e.g. <c>owner-present</c>.</param>
/// <param name="Passed">Whether the product satisfies the check.</param>
/// <param name="Message">What was found, for the steward.</param>
/// <param name="Blocking">A failed blocking check prevents approval.</param>
public sealed record CheckResult(string Check, bool Passed, string Message, bool Blocking);
