using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Requests;
using Parity.Gateway.Security;
using Parity.GrainInterfaces.Gateway;

namespace Parity.Gateway.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on mutating endpoints, per channel: the first request claims the key in its
/// <see cref="IIdempotencyGrain"/>; its answer is stored durably before it is sent, and a replay gets the same
/// status and body (marked <c>Idempotent-Replayed: true</c>). The same key with another method, path or body is
/// refused with 422, and while the first is still running a duplicate gets 409. Only answers of requests that got
/// past validation are stored; a refused request (400, 401, 422 field errors), a 429 or a 5xx leaves the key free.
/// </summary>
internal sealed partial class IdempotencyMiddleware(
    RequestDelegate next, IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider timeProvider, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null
            || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || !key.All(c => c is > ' ' and < (char)127))
        {
            await GatewayProblem.WriteAsync(context, ProblemType.MalformedRequest,
                $"The {HeaderName} header must be 1 to {MaxKeyLength} visible ASCII characters, e.g. a UUID.");
            return;
        }

        var hash = Fingerprint(context);
        var grain = grains.GetGrain<IIdempotencyGrain>($"{context.User.ChannelId()}/{key}");
        var settings = options.Value;
        var claim = await grain.BeginAsync(hash, settings.RequestTimeout + settings.RequestTimeout, settings.IdempotencyRetention);
        switch (claim.Status)
        {
            case IdempotencyStatus.Completed:
                await ReplayAsync(context, claim.Response!);
                return;
            case IdempotencyStatus.Mismatch:
                await GatewayProblem.WriteAsync(context, ProblemType.IdempotencyKeyReused,
                    $"The {HeaderName} '{key}' was already used by this channel for a different request. Use a new key for a new request; resend the original request unchanged to get its answer.");
                return;
            case IdempotencyStatus.InFlight:
                await GatewayProblem.WriteAsync(context, ProblemType.IdempotencyInFlight,
                    $"A request with {HeaderName} '{key}' is still being processed. Retry shortly to get its answer.", TimeSpan.FromSeconds(1));
                return;
            default:
                await RunAsync(context, grain, hash);
                return;
        }
    }

    private async Task RunAsync(HttpContext context, IIdempotencyGrain grain, string hash)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var stored = false;
        try
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (ExceptionMapping.Map(e) is { IsOutcome: true } mapped)
            {
                // A business refusal is this request's outcome: answer it here, where it can be stored for replays.
                buffer.SetLength(0);
                await GatewayProblem.WriteAsync(context, mapped.Type, mapped.Detail, mapped.RetryAfter, mapped.Extensions);
            }

            var status = context.Response.StatusCode;
            if (GatewayCommand.HasStarted(context) && status is >= 200 and < 500 and not StatusCodes.Status429TooManyRequests)
            {
                var response = new StoredResponse(status, context.Response.ContentType, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
                    context.Response.Headers.Location.Count > 0 ? context.Response.Headers.Location.ToString() : null, timeProvider.GetUtcNow());
                try
                {
                    await grain.CompleteAsync(hash, response);
                    stored = true;
                }
                catch (Exception e)
                {
                    // The effect happened and is answered; a replay re-runs the command, which the grains absorb by its event id.
                    LogStoreFailed(logger, e, context.Request.Path);
                }
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!stored)
            {
                await AbandonAsync(grain, hash);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task AbandonAsync(IIdempotencyGrain grain, string hash)
    {
        try
        {
            await grain.AbandonAsync(hash);
        }
        catch (Exception e)
        {
            // The claim's lease runs out on its own.
            LogAbandonFailed(logger, e);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.Headers[ReplayedHeader] = "true";
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        await context.Response.WriteAsync(response.Body, Encoding.UTF8, context.RequestAborted);
    }

    private static string Fingerprint(HttpContext context)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{context.Request.Method}\n{context.Request.Path}{context.Request.QueryString}\n"));
        sha.AppendData(RequestBodyBuffer.Get(context).Span);
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the answer to an idempotent request on {Path} failed; a replay will run it again")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Giving up an idempotency claim failed; its lease will expire")]
    private static partial void LogAbandonFailed(ILogger logger, Exception exception);
}
