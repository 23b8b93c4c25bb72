using System.Collections.Concurrent;
using System.Reflection;
using DnsClient;
using DnsClient.Protocol;

namespace MtaSts.Checking.Tests;

/// <summary>
/// A resolver whose answers the test writes, and which counts the questions: the n-th question for a name and type
/// gets the n-th scripted answer (the last one from then on), as a rebinding DNS server would answer. Unscripted
/// questions get an empty NOERROR answer. Only <c>QueryAsync(DnsQuestion, CancellationToken)</c>, which the check uses.
/// </summary>
internal sealed class ScriptedResolver
{
    private readonly Dictionary<(string Name, QueryType Type), DnsResourceRecord[][]> answers = [];
    private readonly ConcurrentDictionary<(string Name, QueryType Type), int> asked = new();

    public ScriptedResolver Answer(string name, QueryType type, params DnsResourceRecord[][] successive)
    {
        answers[(name.TrimEnd('.'), type)] = successive;
        return this;
    }

    /// <summary>How often the check asked for <paramref name="name"/> <paramref name="type"/>.</summary>
    public int Asked(string name, QueryType type) => asked.GetValueOrDefault((name, type));

    public IDnsQuery Query
    {
        get
        {
            var proxy = DispatchProxy.Create<IDnsQuery, Proxy>();
            ((Proxy)(object)proxy).Owner = this;
            return proxy;
        }
    }

    private IDnsQueryResponse Respond(DnsQuestion question)
    {
        var key = (question.QueryName.Value.TrimEnd('.'), question.QuestionType);
        var n = asked.AddOrUpdate(key, 1, (_, count) => count + 1);
        var records = answers.TryGetValue(key, out var successive) ? successive[Math.Min(n, successive.Length) - 1] : [];
        var response = DispatchProxy.Create<IDnsQueryResponse, ResponseProxy>();
        ((ResponseProxy)(object)response).Records = records;
        return response;
    }

    public class Proxy : DispatchProxy
    {
        internal ScriptedResolver Owner { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IDnsQuery.QueryAsync) && args is [DnsQuestion question, CancellationToken]
                ? Task.FromResult(Owner.Respond(question))
                : throw new NotSupportedException(targetMethod?.Name);
    }

    public class ResponseProxy : DispatchProxy
    {
        internal DnsResourceRecord[] Records { get; set; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_Header" => new DnsResponseHeader(1, 0x8180, 1, Records.Length, 0, 0),
            "get_Answers" => Records,
            "get_ErrorMessage" => "",
            "get_HasError" => false,
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }
}
