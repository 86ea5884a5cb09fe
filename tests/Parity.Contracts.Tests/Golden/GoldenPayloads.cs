using System.Reflection;

namespace Parity.Contracts.Tests.Golden;

/// <summary>
/// The committed Orleans payloads of the contract samples: <c>Golden/&lt;name&gt;.b64</c> in the source tree, one base64
/// file per sample. A missing payload is written only when <see cref="WriteVariable"/> is <c>1</c>; an existing one is
/// never overwritten, because it stands for data already stored or in flight.
/// </summary>
internal static class GoldenPayloads
{
    /// <summary>Set to <c>1</c> to write the payloads of samples that have none yet.</summary>
    public const string WriteVariable = "PARITY_WRITE_GOLDEN";

    /// <summary>The source folder of the payloads (the build records it, so tests read the committed files).</summary>
    public static string Folder { get; } = typeof(GoldenPayloads).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GoldenDirectory").Value!;

    /// <summary>Whether missing payloads may be written.</summary>
    public static bool WriteMissing => Environment.GetEnvironmentVariable(WriteVariable) == "1";

    /// <summary>The file of the payload named <paramref name="name"/>.</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name + ".b64");

    /// <summary>The names of every committed payload.</summary>
    public static IReadOnlyList<string> Names() =>
        [.. Directory.EnumerateFiles(Folder, "*.b64").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    /// <summary>The committed payload named <paramref name="name"/>, or null when there is none.</summary>
    public static byte[]? Read(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? Convert.FromBase64String(File.ReadAllText(path).Trim()) : null;
    }

    /// <summary>Writes a payload that does not exist yet; fails if it does.</summary>
    public static void WriteNew(string name, byte[] payload)
    {
        using var file = new FileStream(PathOf(name), FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(file);
        writer.WriteLine(Convert.ToBase64String(payload));
    }
}
