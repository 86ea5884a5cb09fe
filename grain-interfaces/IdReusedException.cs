using Orleans;

namespace Parity.GrainInterfaces;

/// <summary>An idempotency key (an order's event id, a store day's batch id) was sent again with different content:
/// the first use stands and this request changed nothing. A retry with the original content gets the original answer.</summary>
[GenerateSerializer]
[Alias("parity.IdReusedException")]
public sealed class IdReusedException : ParityException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="target">What holds the key, e.g. <c>order web:1001</c>.</param>
    /// <param name="idName">What the key is, e.g. <c>Event id</c> or <c>Batch id</c>.</param>
    /// <param name="id">The key sent twice.</param>
    /// <param name="recorded">What the key was first used for, in business words.</param>
    /// <param name="sent">What this request asked, in business words.</param>
    public IdReusedException(string target, string idName, string id, string recorded, string sent)
        : base($"{idName} '{id}' was already used at {target} for {recorded}; this request is {sent}. "
            + $"A retry must repeat the original content; new content needs a new {idName.ToLowerInvariant()}.")
    {
        Target = target;
        IdName = idName;
        Id = id;
        Recorded = recorded;
        Sent = sent;
    }

    /// <summary>What holds the key.</summary>
    [Id(0)]
    public string Target { get; }

    /// <summary>What the key is (event id, batch id).</summary>
    [Id(1)]
    public string IdName { get; }

    /// <summary>The key sent twice.</summary>
    [Id(2)]
    public string Id { get; }

    /// <summary>What the key was first used for, in business words.</summary>
    [Id(3)]
    public string Recorded { get; }

    /// <summary>What this request asked, in business words.</summary>
    [Id(4)]
    public string Sent { get; }
}
