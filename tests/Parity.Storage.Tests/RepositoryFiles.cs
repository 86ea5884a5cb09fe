namespace Parity.Storage.Tests;

internal static class RepositoryFiles
{
    /// <summary>The repository root: the nearest ancestor of the test binaries holding Orleans.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Orleans.sln above {AppContext.BaseDirectory}.");
        }
    }
}
