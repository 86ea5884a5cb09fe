using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Exceptions;

namespace Parity.Grains.Exceptions;

/// <summary>An event of the exception queue's journal; written with a <c>$type</c> discriminator by
/// <see cref="LegacyTolerantEventConverter"/>, which also reads the queue's first events, journaled without one.</summary>
[JsonConverter(typeof(LegacyTolerantEventConverter))]
public abstract record ExceptionQueueEvent;

/// <summary>A report that brought something new.</summary>
/// <param name="Report">The report.</param>
/// <param name="RaisedAt">When it arrived.</param>
public sealed record ExceptionRaised(ExceptionReport Report, DateTimeOffset RaisedAt) : ExceptionQueueEvent;

/// <summary>An exception moved: retry started or finished, or resolved by hand.</summary>
/// <param name="TraceKey">The exception.</param>
/// <param name="Status">Its new status.</param>
/// <param name="At">When.</param>
/// <param name="Note">The resolution note or the retry's outcome message.</param>
/// <param name="Attempt">True when this ends a retry or replay (counts an attempt).</param>
public sealed record ExceptionStatusChanged(string TraceKey, ExceptionStatus Status, DateTimeOffset At, string? Note, bool Attempt) : ExceptionQueueEvent;
