namespace Residency.Classification;

/// <summary>
/// A person an upload names: the identifier's kind (<see cref="SubjectKinds.ToName"/>) and the first 8 bytes (big-endian) of the
/// HMAC-SHA256, under the pseudonymization key, of <c>subject/{kind}/{canonical form}</c>. One identifier however written gives
/// one hash; kinds never share one; no raw value is kept.
/// </summary>
public readonly record struct IdentifiedSubject(string Kind, ulong Hash);
