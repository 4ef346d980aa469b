namespace Residency.Operations.Requests;

/// <summary>What a post of a request came to.</summary>
public enum SubmitResult
{
    /// <summary>Recorded now and processed.</summary>
    Created,

    /// <summary>The ticket was posted before with the same ask: the same request, processed if it was not yet.</summary>
    Repeated,

    /// <summary>The ticket was posted before with a different ask: refused, nothing done.</summary>
    Conflict,
}
