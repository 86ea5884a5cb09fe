namespace Parity.LoadTest; internal static class Program { private static void Main() { } }
