using Microsoft.Extensions.Options;

namespace Parity.Runtime.Storage.AdoNet;

/// <summary>Fails the host's start when the storage options cannot work (ValidateOnStart).</summary>
internal sealed class AdoNetStorageOptionsValidator : IValidateOptions<AdoNetStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, AdoNetStorageOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
