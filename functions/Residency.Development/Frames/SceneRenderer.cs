using SkiaSharp;

namespace Residency.Development.Frames;

/// <summary>Road-like backgrounds without faces or text: sky gradient, buildings, road with lane marks, car bodies, trees.</summary>
internal static class SceneRenderer
{
    public static SKBitmap Draw(int width, int height, Random random)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { IsAntialias = true };
        var horizon = height * (0.35f + (0.15f * random.NextSingle()));

        using (var sky = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, horizon),
            [Jitter(new SKColor(0x6E, 0x9E, 0xD6), random), Jitter(new SKColor(0xD8, 0xE4, 0xEE), random)], SKShaderTileMode.Clamp))
        {
            paint.Shader = sky;
            canvas.DrawRect(0, 0, width, horizon, paint);
            paint.Shader = null;
        }

        // Buildings on the horizon, some with a grid of windows.
        for (var x = 0f; x < width; x += width * (0.05f + (0.1f * random.NextSingle())))
        {
            var w = width * (0.04f + (0.08f * random.NextSingle()));
            var h = horizon * (0.2f + (0.6f * random.NextSingle()));
            paint.Color = Jitter(new SKColor(0x8A, 0x86, 0x80), random);
            canvas.DrawRect(x, horizon - h, w, h, paint);
            if (random.Next(2) == 0)
            {
                paint.Color = paint.Color.WithAlpha(0xFF).WithRed((byte)(paint.Color.Red * 0.6));
                for (var wy = horizon - h + (h * 0.08f); wy < horizon - (h * 0.1f); wy += h * 0.14f)
                {
                    for (var wx = x + (w * 0.12f); wx < x + w - (w * 0.2f); wx += w * 0.25f)
                    {
                        canvas.DrawRect(wx, wy, w * 0.12f, h * 0.06f, paint);
                    }
                }
            }
        }

        // Road with a perspective: asphalt, shoulders, dashed lane lines converging to a vanishing point.
        paint.Color = Jitter(new SKColor(0x55, 0x57, 0x5A), random);
        canvas.DrawRect(0, horizon, width, height - horizon, paint);
        var vanishing = new SKPoint(width * (0.4f + (0.2f * random.NextSingle())), horizon);
        paint.Color = new SKColor(0xE6, 0xE6, 0xE0);
        paint.StrokeWidth = Math.Max(2, width / 300f);
        foreach (var bottomX in new[] { -0.3f, 0.2f, 0.8f, 1.3f })
        {
            var bottom = new SKPoint(width * bottomX, height);
            for (var t = 0.05f; t < 1f; t += 0.12f)
            {
                var a = Lerp(vanishing, bottom, t);
                var b = Lerp(vanishing, bottom, t + 0.05f);
                canvas.DrawLine(a, b, paint);
            }
        }

        // Trees and poles at the roadside.
        for (var i = random.Next(2, 6); i > 0; i--)
        {
            var x = width * random.NextSingle();
            var size = height * (0.05f + (0.1f * random.NextSingle()));
            paint.Color = Jitter(new SKColor(0x5A, 0x46, 0x32), random);
            canvas.DrawRect(x - (size * 0.05f), horizon - size, size * 0.1f, size * 1.3f, paint);
            paint.Color = Jitter(new SKColor(0x3C, 0x78, 0x3C), random);
            canvas.DrawCircle(x, horizon - size, size * 0.6f, paint);
        }

        // Car bodies on the road (plates are added by the caller).
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            var w = width * (0.12f + (0.15f * random.NextSingle()));
            var x = width * random.NextSingle();
            var y = horizon + ((height - horizon) * (0.1f + (0.5f * random.NextSingle())));
            CarBody(canvas, new SKRect(x, y, x + w, y + (w * 0.55f)), random);
        }

        return bitmap;
    }

    /// <summary>A car's rear: body, rear window, tail lights; returns where a plate goes (the lower middle).</summary>
    public static void CarBody(SKCanvas canvas, SKRect body, Random random)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = Jitter(new SKColor(0xB4, 0xB4, 0xB8), random, 80) };
        canvas.DrawRoundRect(body, body.Width * 0.08f, body.Width * 0.08f, paint);
        paint.Color = new SKColor(0x28, 0x2C, 0x34);
        canvas.DrawRoundRect(new SKRect(body.Left + (body.Width * 0.15f), body.Top + (body.Height * 0.08f), body.Right - (body.Width * 0.15f),
            body.Top + (body.Height * 0.4f)), body.Width * 0.04f, body.Width * 0.04f, paint);
        paint.Color = new SKColor(0xC8, 0x1E, 0x1E);
        canvas.DrawRect(body.Left + (body.Width * 0.03f), body.Top + (body.Height * 0.5f), body.Width * 0.14f, body.Height * 0.1f, paint);
        canvas.DrawRect(body.Right - (body.Width * 0.17f), body.Top + (body.Height * 0.5f), body.Width * 0.14f, body.Height * 0.1f, paint);
    }

    private static SKPoint Lerp(SKPoint a, SKPoint b, float t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));

    private static SKColor Jitter(SKColor color, Random random, int amount = 24)
    {
        byte Shift(byte c) => (byte)Math.Clamp(c + random.Next(-amount, amount + 1), 0, 255);
        return new SKColor(Shift(color.Red), Shift(color.Green), Shift(color.Blue));
    }
}
