namespace Residency.Development;

/// <summary>A development host (Azurite, the handler) could not be started; the message says why in one sentence.</summary>
public sealed class DevelopmentHostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DevelopmentHostException()
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public DevelopmentHostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public DevelopmentHostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
