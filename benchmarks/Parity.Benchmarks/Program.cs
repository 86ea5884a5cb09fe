namespace Parity.Benchmarks; internal static class Program { private static void Main() { } }
