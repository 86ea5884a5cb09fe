namespace Parity.Silo; internal static class Program { private static void Main() { } }
