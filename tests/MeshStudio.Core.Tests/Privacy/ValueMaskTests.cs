using MeshStudio.Core.Privacy;

namespace MeshStudio.Core.Tests.Privacy;

public class ValueMaskTests
{
    [Theory]
    [InlineData("alice.smith@example.com", "a***.s***@e***.c***")]
    [InlineData("DE", "D***")]
    [InlineData("Deutschland", "D***")]
    [InlineData("+31 20 555 0101", "+3*** 2*** 5*** 0***")]
    [InlineData("", "")]
    public void Mask_KeepsOnlyTheShapeAndEachRunsFirstCharacter(string value, string expected) =>
        Assert.Equal(expected, ValueMask.Mask(value));
}
