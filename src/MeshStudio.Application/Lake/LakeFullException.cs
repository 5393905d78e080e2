namespace MeshStudio.Application.Lake;

/// <summary>A write to the lake failed because its disk is full; nothing of it was stored. The message is for users.</summary>
public sealed class LakeFullException(Exception inner) : IOException(LakeDiskStatus.FullMessage, inner);
