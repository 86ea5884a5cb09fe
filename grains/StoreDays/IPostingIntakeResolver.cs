using Parity.GrainInterfaces.Posting;
using Parity.Runtime;

namespace Parity.Grains.StoreDays;

/// <summary>
/// Finds the posting intake of a legal entity. Without a registration grains call <see cref="IPostingIntakeGrain"/>
/// directly; a silo service of this type redirects them (tests use it to reach a recording double without clashing with
/// the real intake grain in the same cluster).
/// </summary>
public interface IPostingIntakeResolver
{
    /// <summary>The intake that books facts of <paramref name="legalEntity"/>.</summary>
    IPostingIntakeGrain Resolve(IGrainFactory grainFactory, string legalEntity);
}
