namespace Parity.Storage.Tests;

internal static class RepositoryFiles
{
    /// <summary>The repository root: the nearest ancestor of the test binaries holding Parity.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Parity.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Parity.sln above {AppContext.BaseDirectory}.");
        }
    }
}
