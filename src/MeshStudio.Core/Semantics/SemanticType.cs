namespace MeshStudio.Core.Semantics;

/// <summary>
/// A governed semantic type, e.g. <c>country</c>: the canonical values every domain should use, and
/// the synonyms each domain may say instead. <c>align(expr, 'name')</c> maps the synonyms to the canonical value.
/// </summary>
/// <param name="Name">A lower-case identifier, the second argument of <c>align</c>.</param>
/// <param name="Description">What the values mean, for the glossary.</param>
/// <param name="Values">The canonical values with their synonyms.</param>
public sealed record SemanticType(string Name, string Description, IReadOnlyList<SemanticValue> Values);
