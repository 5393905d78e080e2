namespace MeshStudio.Core.Dialect;

/// <summary>One suggestion for the editor. <see cref="Kind"/> names a Monaco CompletionItemKind.</summary>
public sealed record CompletionItem(string Label, string Kind, string InsertText, string Detail, string? Documentation = null);
