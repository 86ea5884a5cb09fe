using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Posting;

/// <summary>One change of a legal entity's posting intake, as journaled.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(FactAccepted), "fact-accepted")]
[JsonDerivedType(typeof(FactHeld), "fact-held")]
[JsonDerivedType(typeof(HeldFactReleased), "held-fact-released")]
[JsonDerivedType(typeof(JournalsHandedOn), "journals-handed-on")]
[JsonDerivedType(typeof(FactNotPosted), "fact-not-posted")]
public abstract record PostingIntakeEvent;

/// <summary>A fact became a balanced journal, waiting in the outbox for the ERP posting grain.</summary>
/// <param name="Request">The journal and its fact.</param>
public sealed record FactAccepted(PostingRequest Request) : PostingIntakeEvent;

/// <summary>A fact could not become a balanced journal and is held.</summary>
/// <param name="JournalKey">The key its journal will have.</param>
/// <param name="Held">The fact and why.</param>
public sealed record FactHeld(string JournalKey, HeldFact Held) : PostingIntakeEvent;

/// <summary>A held fact's journal was built after the mapping was fixed.</summary>
/// <param name="Request">The journal and its fact.</param>
public sealed record HeldFactReleased(PostingRequest Request) : PostingIntakeEvent;

/// <summary>The posting grain has these journals durably; the outbox forgets them.</summary>
/// <param name="JournalKeys">The journals handed on.</param>
public sealed record JournalsHandedOn(IReadOnlyList<string> JournalKeys) : PostingIntakeEvent;

/// <summary>A fact moves no money (every amount is zero), so it has no journal and is not held.</summary>
/// <param name="FactId">The fact.</param>
/// <param name="JournalKey">The key its journal would have had (kept on the receipt).</param>
/// <param name="Reason">Why nothing was posted.</param>
public sealed record FactNotPosted(string FactId, string JournalKey, string Reason) : PostingIntakeEvent;
