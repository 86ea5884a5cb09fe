namespace Parity.Providers.Tests.Storage;

/// <summary>State in grain storage wrapped by <c>AddStorageExceptionTranslation</c>.</summary>
public interface ITranslatedStateGrain : IGrainWithStringKey
{
    Task WriteAsync(string value);
}

/// <summary>State in Orleans' ADO.NET grain storage as Orleans ships it (no translation).</summary>
public interface IRawStateGrain : IGrainWithStringKey
{
    Task WriteAsync(string value);
}
