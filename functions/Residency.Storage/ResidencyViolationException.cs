namespace Residency.Storage;

/// <summary>The configured storage endpoint or region would take data out of China North; the app must not run.</summary>
public sealed class ResidencyViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResidencyViolationException()
    {
    }

    /// <summary>Creates the exception with a message naming the endpoint or region refused.</summary>
    public ResidencyViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ResidencyViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
