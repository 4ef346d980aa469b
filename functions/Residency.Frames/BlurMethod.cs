namespace Residency.Frames;

/// <summary>How a found region is made unrecognisable.</summary>
public enum BlurMethod
{
    /// <summary>A strong Gaussian blur, scaled to the region's size.</summary>
    Gaussian,

    /// <summary>Blocks of one colour (mosaic), about five across the region's short side.</summary>
    Pixelate,
}
