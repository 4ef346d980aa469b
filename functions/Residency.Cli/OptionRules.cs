using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace Residency.Cli;

/// <summary>Range checks carried by the options themselves: a value out of range is a parse error (exit 2) naming the option.</summary>
internal static class OptionRules
{
    /// <summary>The value must lie from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<T> Within<T>(this Option<T> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be from {min} to {max}."));
            }
        });
        return option;
    }

    /// <summary>The value, when given, must be at least <paramref name="min"/>.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T min)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is { } value && value < min)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {min}."));
            }
        });
        return option;
    }

    /// <summary>Every value must lie from <paramref name="min"/> to <paramref name="max"/>, and at least one must be given.</summary>
    public static Option<T[]> EachWithin<T>(this Option<T[]> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            var values = result.GetValueOrDefault<T[]>() ?? [];
            if (values.Length == 0 || values.Any(v => v < min || v > max))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} needs at least one value, each from {min} to {max}."));
            }
        });
        return option;
    }
}
