using Parity.GrainInterfaces.Exceptions;

namespace Parity.Gateway.Operations.Contracts;

/// <summary>What a retry or replay did.</summary>
/// <param name="Outcome">The source's answer.</param>
/// <param name="Exception">The exception afterwards.</param>
public sealed record ExceptionActionResponse(ExceptionRetryOutcome Outcome, ExceptionRecord Exception);
