using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Ingestion;

/// <summary>How far each ingested source has got: the position of its newest visible event (see <see cref="SourceFiles.Tail"/>).</summary>
public sealed class SourcePositions(LakeLayout layout)
{
    public long Tail(QualifiedName source) => SourceFiles.Scan(layout.SourceDirectory(source)).Tail;

    /// <summary>When the events at <paramref name="position"/> were accepted (positions are segment times).</summary>
    public static DateTime ArrivalOf(long position) => new(position, DateTimeKind.Utc);
}
