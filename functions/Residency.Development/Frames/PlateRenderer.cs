using SkiaSharp;

namespace Residency.Development.Frames;

/// <summary>Draws a plate as a bitmap: its colours, a border, the characters evenly spaced in a CJK font, the dot after the
/// second character. Proportions of the 440x140 mm plate (480x140 mm for new-energy plates).</summary>
internal static class PlateRenderer
{
    private static readonly SKColor Blue = new(0x10, 0x46, 0xB4);
    private static readonly SKColor Yellow = new(0xF2, 0xC0, 0x1E);
    private static readonly SKColor Green = new(0x3C, 0xB4, 0x5A);
    private static readonly SKColor Ink = new(0x14, 0x14, 0x14);
    private static readonly SKColor Red = new(0xD2, 0x1E, 0x1E);

    public static SKBitmap Draw(PlateKind kind, string number, SKTypeface typeface, int width)
    {
        var wide = number.Length == 8;
        var height = (int)MathF.Round(width * 140f / (wide ? 480f : 440f));
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        var rect = new SKRect(0, 0, width, height);
        var corner = height * 0.08f;
        using (var background = new SKPaint { IsAntialias = true })
        {
            background.Shader = Background(kind, rect);
            canvas.DrawRoundRect(rect, corner, corner, background);
        }

        var foreground = kind == PlateKind.Blue ? SKColors.White : Ink;
        var inset = height * 0.05f;
        using (var border = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = height * 0.025f, Color = foreground })
        {
            canvas.DrawRoundRect(SKRect.Inflate(rect, -inset, -inset), corner, corner, border);
        }

        // Character cells across the plate, with a gap for the dot after the second character.
        using var font = new SKFont(typeface, height * 0.64f);
        using var paint = new SKPaint { IsAntialias = true };
        var margin = height * 0.12f;
        var gap = height * 0.32f;
        var cell = (width - (2 * margin) - gap) / number.Length;
        var baseline = (height / 2f) + (font.Size * 0.36f);
        for (var i = 0; i < number.Length; i++)
        {
            var x = margin + (i * cell) + (i >= 2 ? gap : 0);
            var text = number[i].ToString();
            paint.Color = kind == PlateKind.Police && i == number.Length - 1 ? Red : foreground;
            var advance = font.MeasureText(text, paint);
            // Every character is as narrow as its cell (45 of 57 mm on a real plate), the province character too: a CJK glyph
            // at this height is wider than a cell and would run into the letter.
            var squeeze = Math.Min(0.9f, cell * 0.82f / advance);
            canvas.Save();
            canvas.Translate(x + ((cell - (advance * squeeze)) / 2), baseline);
            canvas.Scale(squeeze, char.IsAsciiLetterOrDigit(number[i]) ? 1.1f : 1f);
            canvas.DrawText(text, 0, 0, SKTextAlign.Left, font, paint);
            canvas.Restore();
        }

        using var dot = new SKPaint { IsAntialias = true, Color = foreground };
        canvas.DrawCircle(margin + (2 * cell) + (gap / 2), height / 2f, height * 0.045f, dot);
        return bitmap;
    }

    private static SKShader Background(PlateKind kind, SKRect rect) => kind switch
    {
        PlateKind.Blue => SKShader.CreateColor(Blue),
        PlateKind.Police => SKShader.CreateColor(SKColors.White),
        PlateKind.NewEnergySmall => SKShader.CreateLinearGradient(new SKPoint(0, rect.Top), new SKPoint(0, rect.Bottom),
            [new SKColor(0xF4, 0xFA, 0xF4), Green], SKShaderTileMode.Clamp),
        // Large new-energy plates: yellow on the left, green on the right.
        PlateKind.NewEnergyLarge => SKShader.CreateLinearGradient(new SKPoint(rect.Left, 0), new SKPoint(rect.Right, 0),
            [Yellow, Yellow, Green, Green], [0f, 0.28f, 0.3f, 1f], SKShaderTileMode.Clamp),
        _ => SKShader.CreateColor(Yellow),
    };
}
