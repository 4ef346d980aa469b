namespace Residency.Classification;

/// <summary>
/// Thrown when an upload is not a valid <c>vehicle-upload/1</c> document. The message names the JSON path and what
/// is wrong, never the value, so it is safe to log and to store with the quarantined bytes.
/// </summary>
public sealed class UploadRejectedException : Exception
{
    /// <summary>Creates the exception with a stable reason code and a value-free message.</summary>
    public UploadRejectedException(string reasonCode, string message)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    /// <summary>Creates the exception with the generic reason <c>invalid-field</c>.</summary>
    public UploadRejectedException()
        : this(UploadRejectionReasons.InvalidField, "The upload is invalid.")
    {
    }

    /// <summary>Creates the exception with the generic reason <c>invalid-field</c>.</summary>
    public UploadRejectedException(string message)
        : this(UploadRejectionReasons.InvalidField, message)
    {
    }

    /// <summary>Creates the exception with a reason code, a value-free message and its cause.</summary>
    public UploadRejectedException(string reasonCode, string message, Exception innerException)
        : base(message, innerException)
    {
        ReasonCode = reasonCode;
    }

    /// <summary>Creates the exception with the generic reason <c>invalid-field</c> and its cause.</summary>
    public UploadRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        ReasonCode = UploadRejectionReasons.InvalidField;
    }

    /// <summary>Stable kebab-case reason, one of <see cref="UploadRejectionReasons"/>.</summary>
    public string ReasonCode { get; }
}
