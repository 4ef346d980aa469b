using Residency.Classification.Detectors;
using Xunit;

namespace Residency.Frames.Tests;

public sealed class PlateTextTests
{
    [Theory]
    [InlineData("京A·12345")]
    [InlineData("京A12345")]
    [InlineData("京A 12345")]
    [InlineData("京A-12345")]
    [InlineData("京A.12345")]
    [InlineData("京A•12345")]
    [InlineData(" 沪B·8K3L9 ")]
    [InlineData("京Ａ１２３４５")]
    [InlineData("粤B·D12345")]
    [InlineData("粤B·12345D")]
    [InlineData("粤B·DF1234")]
    [InlineData("京A·1234挂")]
    [InlineData("京A·1234桂")]
    [InlineData("苏W·5873学")]
    [InlineData("宁D·2021警")]
    [InlineData("京A·1O34I")]
    public void Plates_as_OCR_writes_them(string text) => Assert.True(PlateText.IsPlate(text));

    [Theory]
    [InlineData("")]
    [InlineData("京A·1234")]
    [InlineData("京A·1234567")]
    [InlineData("A·12345")]
    [InlineData("京·12345")]
    [InlineData("京I·12345")]
    [InlineData("京A·12345 停车场")]
    [InlineData("停车场京A12345")]
    [InlineData("12345")]
    [InlineData("粤B·D1234X")]
    [InlineData("京A·1234桂X")]
    [InlineData("咖啡店")]
    public void Not_plates(string text) => Assert.False(PlateText.IsPlate(text));
}
