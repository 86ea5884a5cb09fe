namespace Parity.Gateway.Operations.Contracts;

/// <summary>Resolves an exception by hand.</summary>
/// <param name="Note">Why it is resolved (what was done); required.</param>
public sealed record ResolveExceptionRequest(string? Note);

/// <summary>Edits to apply before retrying an exception's source.</summary>
/// <param name="Edits">Field → new value; which fields a source takes depends on it (a settlement line: <c>orderId</c> or <c>reference</c>).</param>
public sealed record RetryExceptionRequest(Dictionary<string, string>? Edits);
