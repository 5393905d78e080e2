using System.Reflection;

namespace MeshStudio.Web.Tests.Architecture;

/// <summary>
/// Catalog entities stay inside the use-case layer (ADR 19): no public member of a public type of
/// <c>MeshStudio.Application</c> takes or returns one, in any position of its signature (<c>Task&lt;Job&gt;</c>,
/// <c>IReadOnlyList&lt;Source&gt;</c>, an <c>out</c> parameter). Callers get views.
/// </summary>
public class ApplicationBoundaryTests
{
    private static readonly Assembly Application = typeof(MeshStudio.Application.Jobs.JobActions).Assembly;

    private const BindingFlags PublicMembers = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void ApplicationPublicMembers_TakeOrReturnNoCatalogEntity()
    {
        var offenders = Application.GetExportedTypes()
            .SelectMany(type => SignatureTypes(type).Where(s => s.Types.Any(NamesAnEntity)).Select(s => $"{type.Name}.{s.Member}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(offenders.Count == 0, $"Public members of the use-case layer that hand out or take catalog entities: {string.Join(", ", offenders)}");
    }

    /// <summary>Each public member of <paramref name="type"/> with the types its signature names.</summary>
    private static IEnumerable<(string Member, Type[] Types)> SignatureTypes(Type type)
    {
        foreach (var method in type.GetMethods(PublicMembers).Where(m => !m.IsSpecialName))
            yield return (method.Name, [method.ReturnType, .. method.GetParameters().Select(p => p.ParameterType)]);
        foreach (var constructor in type.GetConstructors(PublicMembers))
            yield return (".ctor", constructor.GetParameters().Select(p => p.ParameterType).ToArray());
        foreach (var property in type.GetProperties(PublicMembers).Where(p => p.GetMethod?.IsPublic == true || p.SetMethod?.IsPublic == true))
            yield return (property.Name, [property.PropertyType, .. property.GetIndexParameters().Select(p => p.ParameterType)]);
        foreach (var field in type.GetFields(PublicMembers))
            yield return (field.Name, [field.FieldType]);
        foreach (var evt in type.GetEvents(PublicMembers))
            yield return (evt.Name, [evt.EventHandlerType!]);
    }

    /// <summary>True when <paramref name="type"/> is a catalog entity or is built from one (generic argument, array, by-ref).</summary>
    private static bool NamesAnEntity(Type type)
    {
        if (type.HasElementType)
            return NamesAnEntity(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericArguments().Any(NamesAnEntity))
            return true;
        return type.Namespace == "MeshStudio.Catalog.Model";
    }
}
