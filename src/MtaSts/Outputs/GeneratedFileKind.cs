using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;
using MtaSts.Serving;

namespace MtaSts;

/// <summary>What a generated file is.</summary>
public enum GeneratedFileKind
{
    /// <summary>The policy file, served at <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>.</summary>
    Policy,

    /// <summary>The DNS zone snippet with the TXT records.</summary>
    Zone,

    /// <summary>The committed state of <c>id: timestamp</c> (<see cref="PolicyIdState"/>).</summary>
    IdState,

    /// <summary>The list of the policy and DNS files written (<see cref="OutputOptions.OutputListFile"/>): full paths
    /// separated by <c>;</c> on one line, so that MSBuild reads it as an item list.</summary>
    OutputList,

    /// <summary>The TXT records in another <see cref="DnsFormat"/> than the zone snippet (Bicep, Terraform, …). Last, so
    /// that the other kinds keep their values.</summary>
    DnsRecords,

    /// <summary>The configuration of a web server or static host that serves the policy (<see cref="ServerConfig"/>).</summary>
    ServerConfig,
}
