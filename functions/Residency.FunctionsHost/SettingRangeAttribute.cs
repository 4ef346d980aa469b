using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Residency.FunctionsHost;

/// <summary>
/// A whole-number setting of <see cref="HandlerOptions"/> must lie in a range; the error names the app setting
/// (<c>Residency__Name</c>), never the value. Our own attribute rather than <see cref="RangeAttribute"/>, whose
/// source-generated copy ignores ErrorMessage (dotnet/runtime#123137).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SettingRangeAttribute(int minimum, int maximum) : ValidationAttribute
{
    /// <summary>The smallest value allowed.</summary>
    public int Minimum { get; } = minimum;

    /// <summary>The largest value allowed.</summary>
    public int Maximum { get; } = maximum;

    /// <summary>The error for the setting behind <paramref name="propertyName"/>.</summary>
    public string Message(string propertyName) =>
        string.Create(CultureInfo.InvariantCulture, $"{HandlerSettingNames.Prefix}{propertyName} must be a whole number from {Minimum} to {Maximum}.");

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is int number && number >= Minimum && number <= Maximum
            ? ValidationResult.Success
            : new ValidationResult(Message(validationContext.MemberName ?? validationContext.DisplayName));
    }
}
