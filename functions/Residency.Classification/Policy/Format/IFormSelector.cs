using System.Text.Json;

namespace Residency.Classification.Policy.Format;

/// <summary>A converter for a value that may be written in more than one form: names the model type of a given JSON value,
/// so <see cref="ShapeCheck"/> checks the value against the same form the converter reads.</summary>
internal interface IFormSelector
{
    Type FormOf(JsonElement value);
}
