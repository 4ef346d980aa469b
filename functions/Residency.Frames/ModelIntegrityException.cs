namespace Residency.Frames;

/// <summary>A model file is missing or is not the pinned one (its SHA-256 differs): the de-identifier refuses to load.</summary>
public sealed class ModelIntegrityException : Exception
{
    /// <summary>Creates the exception with a message naming the file.</summary>
    public ModelIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the file and the cause.</summary>
    public ModelIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ModelIntegrityException()
        : base("A frame model file is missing or not the pinned one.")
    {
    }
}
