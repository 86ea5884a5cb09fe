namespace Parity.Runtime.Inspection;

/// <summary>Forwards an inspection to the grain named by id: grain references are typed by interface, and
/// <see cref="IGrainInspection"/> is implemented by every class, so only the runtime can address it by id.</summary>
[StatelessWorker]
[GrainType("parity.grain-inspector")]
internal sealed class GrainInspectorGrain : Grain, IGrainInspectorGrain
{
    public async Task<GrainInspection> InspectAsync(string grainId, int maxEvents)
    {
        var id = Runtime.GrainId.Parse(grainId);
        var silo = Activation.Silo;
        if (!silo.Registry.TryGetClass(id.Type, out var info))
        {
            throw new ArgumentException($"No grain type is called '{id.Type}'.", nameof(grainId));
        }

        if (info.IsStatelessWorker)
        {
            throw new ArgumentException($"'{id.Type}' is a stateless worker: it has no single activation to inspect.", nameof(grainId));
        }

        var method = silo.Registry.GetInterface(typeof(IGrainInspection)).AllMethods.Single();
        return (GrainInspection)(await silo.Router.InvokeAsync(id, method, [Math.Clamp(maxEvents, 0, 1000)]))!;
    }
}
