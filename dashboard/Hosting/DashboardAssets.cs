namespace Parity.Dashboard.Hosting;

/// <summary>The page's files, embedded in the assembly so the dashboard needs no web root and no build step.</summary>
internal sealed record DashboardAssets(string Path, string ContentType, byte[] Content)
{
    private const string Prefix = "Parity.Dashboard.wwwroot.";

    public static IReadOnlyList<DashboardAssets> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new List<DashboardAssets>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var file = name[Prefix.Length..];
            var content = buffer.ToArray();
            assets.Add(new DashboardAssets(file, TypeOf(file), content));
            if (file == "index.html")
            {
                assets.Add(new DashboardAssets("", TypeOf(file), content));
            }
        }

        return assets;
    }

    private static string TypeOf(string file) => System.IO.Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
