using Parity.GrainInterfaces.Exceptions;

namespace Parity.Grains.Exceptions;

/// <summary>The exception queue's one event: a report that brought something new.</summary>
/// <param name="Report">The report.</param>
/// <param name="RaisedAt">When it arrived.</param>
public sealed record ExceptionRaised(ExceptionReport Report, DateTimeOffset RaisedAt);
