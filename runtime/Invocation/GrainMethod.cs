using System.Linq.Expressions;
using System.Reflection;

namespace Parity.Runtime.Invocation;

/// <summary>
/// One grain interface method, with a compiled invoker for the grain side and a compiled adapter that
/// turns the runtime's <c>Task&lt;object?&gt;</c> into the method's declared return type on the caller side.
/// Built once per method; no reflection on the call path.
/// </summary>
internal sealed class GrainMethod
{
    private static readonly MethodInfo BoxTaskMethod = typeof(GrainMethod).GetMethod(nameof(BoxTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo BoxTaskOfMethod = typeof(GrainMethod).GetMethod(nameof(BoxTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo BoxValueTaskMethod = typeof(GrainMethod).GetMethod(nameof(BoxValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo BoxValueTaskOfMethod = typeof(GrainMethod).GetMethod(nameof(BoxValueTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo UnboxTaskOfMethod = typeof(GrainMethod).GetMethod(nameof(UnboxTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo UnboxValueTaskOfMethod = typeof(GrainMethod).GetMethod(nameof(UnboxValueTaskOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    public GrainMethod(Type interfaceType, MethodInfo method)
    {
        InterfaceType = interfaceType;
        Method = method;
        Name = method.Name;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        Id = $"{interfaceType.FullName}.{method.Name}/{ParameterTypes.Length}";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        var returnType = method.ReturnType;
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            ResultType = null;
        }
        else if (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            ResultType = returnType.GetGenericArguments()[0];
        }
        else
        {
            throw new InvalidOperationException(
                $"Grain method {interfaceType.Name}.{method.Name} returns {returnType.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        Invoker = BuildInvoker(interfaceType, method);
        ReturnAdapter = BuildReturnAdapter(returnType);
    }

    public Type InterfaceType { get; }

    public MethodInfo Method { get; }

    public string Name { get; }

    /// <summary>Stable id across processes: interface full name, method name, arity.</summary>
    public string Id { get; }

    public Type[] ParameterTypes { get; }

    public Type? ResultType { get; }

    public bool AlwaysInterleave { get; }

    /// <summary>Calls the method on a grain instance; the result boxed.</summary>
    public Func<object, object?[], Task<object?>> Invoker { get; }

    /// <summary>Converts the runtime's boxed result task into the declared return type.</summary>
    public Func<Task<object?>, object> ReturnAdapter { get; }

    private static Func<object, object?[], Task<object?>> BuildInvoker(Type interfaceType, MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var arguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), parameters[i].ParameterType);
        }

        Expression call = Expression.Call(Expression.Convert(grain, interfaceType), method, arguments);
        var returnType = method.ReturnType;
        MethodInfo box = returnType == typeof(Task) ? BoxTaskMethod
            : returnType == typeof(ValueTask) ? BoxValueTaskMethod
            : returnType.GetGenericTypeDefinition() == typeof(Task<>) ? BoxTaskOfMethod.MakeGenericMethod(returnType.GetGenericArguments())
            : BoxValueTaskOfMethod.MakeGenericMethod(returnType.GetGenericArguments());
        return Expression.Lambda<Func<object, object?[], Task<object?>>>(Expression.Call(box, call), grain, args).Compile();
    }

    private static Func<Task<object?>, object> BuildReturnAdapter(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return static task => task;
        }

        if (returnType == typeof(ValueTask))
        {
            return static task => new ValueTask(task);
        }

        var resultType = returnType.GetGenericArguments()[0];
        var unbox = returnType.GetGenericTypeDefinition() == typeof(Task<>) ? UnboxTaskOfMethod : UnboxValueTaskOfMethod;
        return unbox.MakeGenericMethod(resultType).CreateDelegate<Func<Task<object?>, object>>();
    }

    private static Task<object?> BoxTask(Task task)
    {
        return task.IsCompletedSuccessfully ? CompletedNull : Await(task);

        static async Task<object?> Await(Task task)
        {
            await task.ConfigureAwait(false);
            return null;
        }
    }

    private static readonly Task<object?> CompletedNull = Task.FromResult<object?>(null);

    private static Task<object?> BoxTaskOf<T>(Task<T> task)
    {
        return task.IsCompletedSuccessfully ? Task.FromResult<object?>(task.Result) : Await(task);

        static async Task<object?> Await(Task<T> task) => await task.ConfigureAwait(false);
    }

    private static Task<object?> BoxValueTask(ValueTask task) => task.IsCompletedSuccessfully ? CompletedNull : BoxTask(task.AsTask());

    private static Task<object?> BoxValueTaskOf<T>(ValueTask<T> task)
        => task.IsCompletedSuccessfully ? Task.FromResult<object?>(task.Result) : BoxTaskOf(task.AsTask());

    private static object UnboxTaskOf<T>(Task<object?> task)
    {
        return task.IsCompletedSuccessfully ? Task.FromResult((T)task.Result!) : Await(task);

        static async Task<T> Await(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;
    }

    private static object UnboxValueTaskOf<T>(Task<object?> task)
    {
        return task.IsCompletedSuccessfully ? new ValueTask<T>((T)task.Result!) : new ValueTask<T>(Await(task));

        static async Task<T> Await(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;
    }
}
