namespace Parity.Providers.Journal;

// "Fail the next N writes" must count down exactly once per write even when writes race, so a test that asks
// for one failure gets exactly one.
internal static class InjectedFaults
{
    /// <summary>Takes one injected failure from <paramref name="remaining"/> if any is left.</summary>
    public static bool TakeOne(ref int remaining)
    {
        var seen = Volatile.Read(ref remaining);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref remaining, seen - 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }
}
