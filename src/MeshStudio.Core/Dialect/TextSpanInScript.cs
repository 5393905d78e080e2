namespace MeshStudio.Core.Dialect;

/// <summary>A part of a script: where it starts (an offset in the whole script) and how many characters it has.</summary>
public readonly record struct TextSpanInScript(int Start, int Length);
