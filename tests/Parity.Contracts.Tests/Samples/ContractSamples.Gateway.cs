using Parity.GrainInterfaces.Gateway;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    private static IEnumerable<ContractSample> Gateway()
    {
        var response = new StoredResponse(201, "application/json", """{"orderId":"web:1001"}""", "/v1/orders/web:1001", At);
        yield return ContractSample.Of(response);
        yield return ContractSample.Of(new IdempotencyClaim(IdempotencyStatus.Completed, response));
        yield return ContractSample.Of(IdempotencyStatus.Mismatch);
    }
}
