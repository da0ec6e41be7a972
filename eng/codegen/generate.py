#!/usr/bin/env python3
"""Generates the request/response records, shape records, string-constant enums, marshallers, client methods,
interfaces and paginators of src/ContactOperator.Aws from the AWS JSON service models (the contract) shipped by the
pinned npm package aws-sdk (tools/package.json) under apis/ -- the way the AWS SDKs generate their own clients.

The min models lose the names of shared shapes ("S5g"); names are taken from the official AWS JS SDK v3 type
declarations in tools/node_modules (same member names, same shape names as the AWS API reference).
Members come only from the min model, so a newer JS SDK cannot add members the contract does not have.

Usage:  bash eng/codegen/generate.sh   (installs tools/node_modules if needed, then runs this script)
        python3 eng/codegen/generate.py [--out DIR]   (DIR: write there instead of src/ContactOperator.Aws, for checks)
Generated files end in .g.cs; do not edit them by hand.
"""
import argparse
import glob
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
AWS_SDK = os.path.join(ROOT, 'tools', 'node_modules', 'aws-sdk')
MODELS = os.path.join(AWS_SDK, 'apis')
NODE = os.path.join(ROOT, 'tools', 'node_modules', '@aws-sdk')
OUT = os.path.join(ROOT, 'src', 'ContactOperator.Aws')

READS_BY_POST = {'GetCurrentMetricData', 'GetMetricDataV2', 'GetRoutingControlState', 'ListRoutingControls'}
# Writes with set semantics: repeating them converges to the same state, so 5xx/timeouts may be retried.
IDEMPOTENT_WRITES = {
    'UpdateInstanceAttribute', 'UpdateInstanceStorageConfig', 'UpdateHoursOfOperation', 'UpdateQueueName',
    'UpdateQueueHoursOfOperation', 'UpdateQueueMaxContacts', 'UpdateQueueOutboundCallerConfig', 'UpdateQueueStatus',
    'UpdateRoutingProfileName', 'UpdateRoutingProfileConcurrency', 'UpdateRoutingProfileDefaultOutboundQueue',
    'UpdateRoutingProfileQueues', 'UpdateRoutingProfileAgentAvailabilityTimer', 'UpdateTrafficDistribution',
    'TagResource', 'UntagResource', 'UpdateRoutingControlState', 'UpdateRoutingControlStates',
    'UpdateControlPanel', 'UpdateRoutingControl', 'UpdateSafetyRule',
}

SERVICES = [
    dict(
        model='connect-2017-08-08.min.json', paginators='connect-2017-08-08.paginators.json', dts='client-connect',
        ns='ContactOperator.Aws.Connect', client_ns='ContactOperator.Aws.Connect', dir='Connect',
        client='ConnectClient', iface='IConnectClient', ops_class='ConnectOperations', descriptor='ConnectClient.Descriptor',
        ops=[
            'CreateInstance', 'DescribeInstance', 'ListInstances', 'DeleteInstance', 'DescribeInstanceAttribute',
            'UpdateInstanceAttribute', 'ListInstanceAttributes', 'AssociateInstanceStorageConfig',
            'DescribeInstanceStorageConfig', 'UpdateInstanceStorageConfig', 'DisassociateInstanceStorageConfig',
            'ListInstanceStorageConfigs', 'AssociateLambdaFunction', 'DisassociateLambdaFunction', 'ListLambdaFunctions',
            'AssociateBot', 'DisassociateBot', 'ListBots', 'CreateHoursOfOperation', 'DescribeHoursOfOperation',
            'UpdateHoursOfOperation', 'DeleteHoursOfOperation', 'ListHoursOfOperations', 'CreateQueue', 'DescribeQueue',
            'ListQueues', 'DeleteQueue', 'UpdateQueueName', 'UpdateQueueHoursOfOperation', 'UpdateQueueMaxContacts',
            'UpdateQueueOutboundCallerConfig', 'UpdateQueueStatus', 'CreateRoutingProfile', 'DescribeRoutingProfile',
            'ListRoutingProfiles', 'DeleteRoutingProfile', 'UpdateRoutingProfileName', 'UpdateRoutingProfileConcurrency',
            'UpdateRoutingProfileDefaultOutboundQueue', 'AssociateRoutingProfileQueues', 'DisassociateRoutingProfileQueues',
            'UpdateRoutingProfileQueues', 'ListRoutingProfileQueues', 'UpdateRoutingProfileAgentAvailabilityTimer',
            'TagResource', 'UntagResource', 'ListTagsForResource', 'ReplicateInstance', 'CreateTrafficDistributionGroup',
            'DescribeTrafficDistributionGroup', 'ListTrafficDistributionGroups', 'DeleteTrafficDistributionGroup',
            'GetTrafficDistribution', 'UpdateTrafficDistribution', 'GetCurrentMetricData', 'GetMetricDataV2',
        ]),
    dict(
        model='route53-recovery-control-config-2020-11-02.min.json',
        paginators='route53-recovery-control-config-2020-11-02.paginators.json',
        dts='client-route53-recovery-control-config',
        ns='ContactOperator.Aws.Arc', client_ns='ContactOperator.Aws.Arc', dir='Arc/ControlConfig',
        client='ArcControlConfigClient', iface='IArcControlConfigClient', ops_class='ArcControlConfigOperations',
        descriptor='ArcControlConfigClient.Descriptor',
        ops=[
            'CreateCluster', 'DescribeCluster', 'ListClusters', 'DeleteCluster', 'CreateControlPanel',
            'DescribeControlPanel', 'ListControlPanels', 'DeleteControlPanel', 'CreateRoutingControl',
            'DescribeRoutingControl', 'ListRoutingControls', 'DeleteRoutingControl', 'CreateSafetyRule',
            'DescribeSafetyRule', 'ListSafetyRules', 'DeleteSafetyRule',
            'UpdateControlPanel', 'UpdateRoutingControl', 'UpdateSafetyRule',
        ]),
    dict(
        model='route53-recovery-cluster-2019-12-02.min.json', paginators=None,
        extra_paginators={'ListRoutingControls': {'input_token': 'NextToken', 'output_token': 'NextToken', 'result_key': 'RoutingControls'}},
        dts='client-route53-recovery-cluster',
        ns='ContactOperator.Aws.Arc.DataPlane', client_ns='ContactOperator.Aws.Arc', dir='Arc/DataPlane',
        client='ArcClusterClient', iface='IArcClusterClient', ops_class='ArcClusterOperations',
        descriptor='ArcClusterClient.Descriptor',
        ops=['GetRoutingControlState', 'UpdateRoutingControlState', 'UpdateRoutingControlStates', 'ListRoutingControls']),
]

HEADER = '// <auto-generated>\n// Generated by eng/codegen/generate.py from {model} (npm aws-sdk {version}). Do not edit.\n// </auto-generated>\n#nullable enable\n'


def pascal(name):
    return name[0].upper() + name[1:]


def enum_const(value, cls):
    parts = [p for p in re.split(r'[^A-Za-z0-9]+', value) if p]
    name = ''.join(p[0].upper() + p[1:].lower() if p.isupper() or p.islower() else p[0].upper() + p[1:] for p in parts)
    if not name or name[0].isdigit():
        name = 'Value' + name
    if name == cls:
        name += 'Value'
    return name


# ---------- JS SDK declarations: shape names and enums ----------
def load_dts(pkg):
    interfaces, enums = {}, {}
    for path in sorted(glob.glob(os.path.join(NODE, pkg, 'dist-types', 'models', '*.d.ts'))):
        text = open(path).read()
        for m in re.finditer(r'export interface (\w+) \{\n(.*?)^\}', text, re.S | re.M):
            members = {}
            for mm in re.finditer(r'^    (\w+)\??: (.+?);$', m.group(2), re.M):
                members[mm.group(1)] = mm.group(2)
            interfaces[m.group(1)] = members
        for m in re.finditer(r'export declare const (\w+): \{\n(.*?)\n\};', text, re.S):
            enums[m.group(1)] = re.findall(r'readonly \w+: "([^"]*)"', m.group(2))
        # Unions (e.g. Rule) are namespaces in the d.ts: take their member interfaces.
        for m in re.finditer(r'export declare namespace (\w+) \{(.*?)\n\}', text, re.S):
            for im in re.finditer(r'interface (\w+)Member \{\n(.*?)\n    \}', m.group(2), re.S):
                members = interfaces.setdefault(m.group(1), {})
                for mm in re.finditer(r'^        (\w+)\??: (.+?);$', im.group(2), re.M):
                    if not mm.group(2).startswith('never'):
                        members[mm.group(1)] = mm.group(2)
    if not interfaces:
        sys.exit(f'no JS SDK declarations under {NODE}/{pkg}; run eng/install-tools.sh')
    return interfaces, enums


def dts_base(t):
    # "X | undefined", and older declarations' "X | string | undefined" for enums: keep the named type.
    parts = [p.strip() for p in t.split(' | ') if p.strip() != 'undefined']
    named = [p for p in parts if p not in ('string', 'string[]')]
    t = (named or parts or ['string'])[0]
    m = re.match(r'Record<string, (.+)>$', t)
    if m:
        t = m.group(1)
    while t.endswith('[]'):
        t = t[:-2]
    return t


# ---------- model walking ----------
class Service:
    def __init__(self, cfg):
        self.cfg = cfg
        self.model = json.load(open(os.path.join(MODELS, cfg['model'])))
        self.meta = self.model['metadata']
        self.shapes = self.model.get('shapes', {})
        self.interfaces, self.enums = load_dts(cfg['dts'])
        self.records = {}       # name -> (struct, is_input_root, is_output_root)
        self.enum_used = {}
        self.visited = set()
        self.json = self.meta['protocol'] == 'json'

    STRING = {'type': 'string'}

    def resolve(self, member):
        """The type dict of a member; shared and inline shapes are returned as the model's own objects so the
        names attached while walking stay on them."""
        if 'shape' in member:
            return self.shapes[member['shape']]
        if 'type' not in member:
            return Service.STRING
        return member

    def name_struct(self, struct, name, role):
        if id(struct) in self.visited:
            return
        self.visited.add(id(struct))
        existing = self.records.get(name)
        if existing is None:
            self.records[name] = (struct, role)
        elif sorted(existing[0].get('members', {})) != sorted(struct.get('members', {})):
            print(f'warning: shape {name} seen with different members; keeping the first', file=sys.stderr)
        dts = self.interfaces.get(name, {})
        for mname, member in struct.get('members', {}).items():
            self.name_type(self.resolve(member), dts.get(mname), f'{name}{pascal(mname)}')

    def name_type(self, t, dts_type, fallback):
        kind = t['type']
        base = dts_base(dts_type) if dts_type else None
        if kind == 'structure':
            name = t.get('__name') or (base if base and base in self.interfaces else fallback)
            if name == fallback:
                print(f'warning: no JS SDK name for {fallback}; using it as the shape name', file=sys.stderr)
            t['__name'] = name
            self.name_struct(t, name, 'shape')
        elif kind == 'list':
            elem = self.resolve(t['member'])
            t['__elem'] = elem
            self.name_type(elem, base, fallback + 'Item')
        elif kind == 'map':
            val = self.resolve(t['value'])
            t['__val'] = val
            self.name_type(val, base, fallback + 'Value')
        elif kind == 'string' and base and base in self.enums:
            self.enum_used[base] = self.enums[base]

    def walk(self):
        for op in self.cfg['ops']:
            spec = self.model['operations'][op]
            for root, suffixes in (('input', ('Request', 'Input')), ('output', ('Response', 'Output'))):
                struct = spec.get(root) or {'type': 'structure', 'members': {}}
                if 'shape' in struct:
                    struct = dict(self.shapes[struct['shape']])
                spec[root] = struct
                dts_name = next((op + s for s in suffixes if op + s in self.interfaces), None)
                name = op + ('Request' if root == 'input' else 'Response')
                self.records[name] = (struct, root)
                self.visited.add(id(struct))
                dts = self.interfaces.get(dts_name, {}) if dts_name else {}
                for mname, member in struct.get('members', {}).items():
                    self.name_type(self.resolve(member), dts.get(mname), f'{op}{pascal(mname)}')


# ---------- C# rendering ----------
PRIM = {'string': 'string', 'integer': 'int', 'long': 'long', 'boolean': 'bool', 'double': 'double', 'float': 'double',
        'timestamp': 'DateTimeOffset', 'blob': 'string'}


def cs_type(t):
    k = t['type']
    if k in PRIM:
        return PRIM[k]
    if k == 'structure':
        return t['__name']
    if k == 'list':
        return f'IReadOnlyList<{cs_type(t["__elem"])}>'
    if k == 'map':
        return f'IReadOnlyDictionary<string, {cs_type(t["__val"])}>'
    raise ValueError(k)


def default_for(t):
    k = t['type']
    return {'string': 'string.Empty', 'integer': '0', 'long': '0', 'boolean': 'false', 'double': '0', 'float': '0',
            'timestamp': 'default', 'blob': 'string.Empty', 'structure': f'{t.get("__name")}Json.Read(JsonWire.EmptyObject)',
            'list': '[]', 'map': f'JsonWire.EmptyMap<{cs_type(t["__val"]) if k == "map" else ""}>()'}[k]


def reader_fn(t):
    k = t['type']
    simple = {'string': 'JsonWire.ReadString', 'integer': 'JsonWire.ReadInt32', 'long': 'JsonWire.ReadInt64',
              'boolean': 'JsonWire.ReadBoolean', 'double': 'JsonWire.ReadDouble', 'float': 'JsonWire.ReadDouble',
              'timestamp': 'JsonWire.ReadTimestamp', 'blob': 'JsonWire.ReadString'}
    if k in simple:
        return simple[k]
    if k == 'structure':
        return f'{t["__name"]}Json.Read'
    if k == 'list':
        return f'static e => JsonWire.ReadList(e, {reader_fn(t["__elem"])})'
    if k == 'map':
        return f'static e => JsonWire.ReadMap(e, {reader_fn(t["__val"])})'
    raise ValueError(k)


def read_expr(obj, wire, t, required):
    k = t['type']
    getters = {'string': 'GetString', 'integer': 'GetInt32', 'long': 'GetInt64', 'boolean': 'GetBoolean',
               'double': 'GetDouble', 'float': 'GetDouble', 'timestamp': 'GetTimestamp', 'blob': 'GetString'}
    if k in getters:
        e = f'JsonWire.{getters[k]}({obj}, "{wire}")'
    elif k == 'structure':
        e = f'JsonWire.GetObject({obj}, "{wire}", {t["__name"]}Json.Read)'
    elif k == 'list':
        e = f'JsonWire.GetList({obj}, "{wire}", {reader_fn(t["__elem"])})'
    else:
        e = f'JsonWire.GetMap({obj}, "{wire}", {reader_fn(t["__val"])})'
    if required:
        e += f' ?? {default_for(t)}'
    return e


def write_value(lines, ind, expr, t, depth):
    k = t['type']
    p = ' ' * ind
    if k in ('string', 'blob'):
        lines.append(f'{p}writer.WriteStringValue({expr});')
    elif k in ('integer', 'long', 'double', 'float'):
        lines.append(f'{p}writer.WriteNumberValue({expr});')
    elif k == 'boolean':
        lines.append(f'{p}writer.WriteBooleanValue({expr});')
    elif k == 'timestamp':
        lines.append(f'{p}JsonWire.WriteTimestampValue(writer, {expr});')
    elif k == 'structure':
        lines.append(f'{p}{t["__name"]}Json.Write(writer, {expr});')
    elif k == 'list':
        item = f'item{depth}'
        lines.append(f'{p}writer.WriteStartArray();')
        lines.append(f'{p}foreach (var {item} in {expr})')
        lines.append(f'{p}{{')
        write_value(lines, ind + 4, item, t['__elem'], depth + 1)
        lines.append(f'{p}}}')
        lines.append(f'{p}writer.WriteEndArray();')
    elif k == 'map':
        entry = f'entry{depth}'
        lines.append(f'{p}writer.WriteStartObject();')
        lines.append(f'{p}foreach (var {entry} in {expr})')
        lines.append(f'{p}{{')
        lines.append(f'{p}    writer.WritePropertyName({entry}.Key);')
        write_value(lines, ind + 4, f'{entry}.Value', t['__val'], depth + 1)
        lines.append(f'{p}}}')
        lines.append(f'{p}writer.WriteEndObject();')


def write_member(lines, ind, expr, wire, t, nonnull):
    p = ' ' * ind
    k = t['type']
    value_type = k in ('integer', 'long', 'double', 'float', 'boolean', 'timestamp')
    if nonnull:
        lines.append(f'{p}writer.WritePropertyName("{wire}");')
        write_value(lines, ind, expr, t, 0)
        return
    cond = f'{expr}.HasValue' if value_type else f'{expr} is not null'
    val = f'{expr}.Value' if value_type else expr
    lines.append(f'{p}if ({cond})')
    lines.append(f'{p}{{')
    lines.append(f'{p}    writer.WritePropertyName("{wire}");')
    write_value(lines, ind + 4, val, t, 0)
    lines.append(f'{p}}}')


def is_value_type(t):
    return t['type'] in ('integer', 'long', 'double', 'float', 'boolean', 'timestamp')


def prop_name(record, member):
    name = pascal(member)
    return name + 'Value' if name == record else name


class Generator:
    def __init__(self, svc):
        self.svc = svc
        self.cfg = svc.cfg
        self.files = {}
        self.header = HEADER.format(model=svc.cfg['model'], version=aws_sdk_version())

    def emit(self, rel, text):
        self.files[os.path.join(OUT, self.cfg['dir'], rel)] = text

    def record(self, name, struct, role):
        required = set(struct.get('required', []))
        lines = [self.header, f'namespace {self.cfg["ns"]};', '']
        desc = {'input': 'Input', 'output': 'Output'}.get(role, 'Shape')
        lines.append(f'/// <summary>{desc} <c>{name}</c> of the AWS model (members as in the model).</summary>')
        lines.append(f'public sealed record {name}')
        lines.append('{')
        first = True
        for mname, member in struct.get('members', {}).items():
            t = self.typed(member)
            req = mname in required and role != 'output'
            if not first:
                lines.append('')
            first = False
            typ = cs_type(t)
            if req:
                lines.append(f'    public required {typ} {prop_name(name, mname)} {{ get; init; }}')
            else:
                lines.append(f'    public {typ}? {prop_name(name, mname)} {{ get; init; }}')
        lines.append('}')
        return '\n'.join(lines) + '\n'

    def typed(self, member):
        """Resolves a member to its type dict, which carries the generated names (__name/__elem/__val)."""
        t = self.svc.resolve(member)
        if t['type'] == 'structure' and '__name' not in t:
            raise KeyError(f'unnamed structure with members {sorted(t.get("members", {}))}')
        return t

    def shape_json(self, name, struct, role):
        required = set(struct.get('required', []))
        lines = [self.header, 'using System.Text.Json;', 'using ContactOperator.Aws.Core;', '',
                 f'namespace {self.cfg["ns"]};', '', f'internal static class {name}Json', '{']
        lines.append(f'    public static void Write(Utf8JsonWriter writer, {name} value)')
        lines.append('    {')
        lines.append('        writer.WriteStartObject();')
        for mname, member in struct.get('members', {}).items():
            t = self.typed(member)
            nonnull = mname in required and role != 'output'
            write_member(lines, 8, f'value.{prop_name(name, mname)}', mname, t, nonnull)
        lines.append('        writer.WriteEndObject();')
        lines.append('    }')
        lines.append('')
        lines.append(f'    public static {name} Read(JsonElement element) => new()')
        lines.append('    {')
        for mname, member in struct.get('members', {}).items():
            t = self.typed(member)
            req = mname in required and role != 'output'
            lines.append(f'        {prop_name(name, mname)} = {read_expr("element", mname, t, req)},')
        lines.append('    };')
        lines.append('}')
        return '\n'.join(lines) + '\n'

    def safety(self, op, spec):
        method = spec.get('http', {}).get('method', 'POST')
        if method == 'GET' or op in READS_BY_POST:
            return 'Read'
        if op in IDEMPOTENT_WRITES or 'ClientToken' in spec['input'].get('members', {}):
            return 'Idempotent'
        return 'NotIdempotent'

    def marshaller(self, op, spec):
        inp, out = spec['input'], spec['output']
        method = spec.get('http', {}).get('method', 'POST')
        uri = spec.get('http', {}).get('requestUri', '/')
        required = set(inp.get('required', []))
        req_name, resp_name = op + 'Request', op + 'Response'
        lines = [self.header, 'using System.Text.Json;', 'using ContactOperator.Aws.Core;', '',
                 f'namespace {self.cfg["ns"]};', '', f'internal static class {op}Marshaller', '{']
        lines.append(f'    public static AwsRequestBuilder Marshall({req_name} request)')
        lines.append('    {')
        lines.append('        ArgumentNullException.ThrowIfNull(request);')
        body = []
        for mname, member in inp.get('members', {}).items():
            t = self.typed(member)
            prop = prop_name(req_name, mname)
            if mname in required and not is_value_type(t):
                lines.append(f'        RequiredMember.Check(request.{prop}, "{req_name}", "{prop}");')
        if self.svc.json:
            lines.append(f'        var builder = new AwsRequestBuilder("POST", "/");')
            lines.append(f'        builder.SetHeader("X-Amz-Target", "{self.svc.meta["targetPrefix"]}.{op}");')
        else:
            lines.append(f'        var builder = new AwsRequestBuilder("{method}", "{uri.split("?")[0]}");')
        for mname, member in inp.get('members', {}).items():
            t = self.typed(member)
            prop = prop_name(req_name, mname)
            loc = member.get('location')
            wire = member.get('locationName', mname)
            if loc == 'uri':
                lines.append(f'        builder.SetPathLabel("{wire}", request.{prop});')
            elif loc == 'querystring':
                lines.append(f'        builder.AddQuery("{wire}", request.{prop});')
            elif loc == 'header':
                lines.append(f'        if (request.{prop} is not null)')
                lines.append('        {')
                lines.append(f'            builder.SetHeader("{wire}", request.{prop});')
                lines.append('        }')
            elif loc is None:
                body.append((mname, prop, t))
            else:
                raise ValueError(f'{op}.{mname}: location {loc} not supported')
        if body or self.svc.json:
            ctype = 'application/x-amz-json-1.0' if self.svc.json else 'application/json'
            lines.append(f'        builder.SetJsonBody("{ctype}", writer =>')
            lines.append('        {')
            lines.append('            writer.WriteStartObject();')
            for mname, prop, t in body:
                if mname == 'ClientToken':
                    # As the AWS SDKs do: an omitted idempotency token is filled once per call, so retries reuse it.
                    lines.append(f'            writer.WriteString("ClientToken", request.ClientToken ?? Guid.NewGuid().ToString());')
                    continue
                write_member(lines, 12, f'request.{prop}', mname, t, mname in required)
            lines.append('            writer.WriteEndObject();')
            lines.append('        });')
        lines.append('        return builder;')
        lines.append('    }')
        lines.append('')
        members = out.get('members', {})
        if members:
            lines.append(f'    public static {resp_name} Unmarshall(JsonElement root) => new()')
            lines.append('    {')
            for mname, member in members.items():
                t = self.typed(member)
                lines.append(f'        {prop_name(resp_name, mname)} = {read_expr("root", mname, t, False)},')
            lines.append('    };')
        else:
            lines.append(f'    public static {resp_name} Unmarshall(JsonElement root) => new();')
        lines.append('}')
        return '\n'.join(lines) + '\n'

    def run(self):
        svc, cfg = self.svc, self.cfg
        svc.walk()
        ops = svc.model['operations']
        # records and shape serializers
        for name, (struct, role) in sorted(svc.records.items()):
            self.emit(f'Model/{name}.g.cs', self.record(name, struct, role))
            if role == 'shape':
                self.emit(f'Marshalling/{name}Json.g.cs', self.shape_json(name, struct, role))
        # enums
        for ename, values in sorted(svc.enum_used.items()):
            if ename in svc.records:
                continue
            lines = [self.header, f'namespace {cfg["ns"]};', '',
                     f'/// <summary>Known values of <c>{ename}</c>; kept as strings so values AWS adds later still parse.</summary>',
                     f'public static class {ename}', '{']
            seen = set()
            for v in values:
                c = enum_const(v, ename)
                while c in seen:
                    c += '_'
                seen.add(c)
                lines.append(f'    public const string {c} = "{v}";')
            lines.append('}')
            self.emit(f'Model/Enums/{ename}.g.cs', '\n'.join(lines) + '\n')
        # marshallers, operations, client, interface
        q = (lambda n: f'global::{cfg["ns"]}.{n}') if cfg['ns'] != cfg['client_ns'] else (lambda n: n)
        op_lines = [self.header, 'using ContactOperator.Aws.Core;', '', f'namespace {cfg["client_ns"]};', '',
                    f'/// <summary>The operations of {svc.meta["serviceId"]} this client implements, as in the AWS model.</summary>',
                    f'public static class {cfg["ops_class"]}', '{']
        client = [self.header, 'using ContactOperator.Aws.Core;', '', f'namespace {cfg["client_ns"]};', '',
                  f'public sealed partial class {cfg["client"]}', '{']
        iface = [self.header, f'namespace {cfg["client_ns"]};', '', f'public partial interface {cfg["iface"]}', '{']
        bindings = []
        for op in cfg['ops']:
            spec = ops[op]
            self.emit(f'Marshalling/{op}Marshaller.g.cs', self.marshaller(op, spec))
            method = 'POST' if svc.json else spec.get('http', {}).get('method', 'POST')
            uri = '/' if svc.json else spec['http']['requestUri']
            op_lines.append(f'    public static readonly AwsOperation {op} = new("{svc.meta["serviceId"]}", "{op}", "{method}", "{uri}", RetrySafety.{self.safety(op, spec)});')
            op_lines.append('')
            client.append(f'    public Task<{q(op + "Response")}> {op}Async({q(op + "Request")} request, CancellationToken cancellationToken = default) =>')
            client.append(f'        InvokeAsync({cfg["ops_class"]}.{op}, request, {q(op + "Marshaller")}.Marshall, {q(op + "Marshaller")}.Unmarshall, cancellationToken);')
            client.append('')
            iface.append(f'    Task<{q(op + "Response")}> {op}Async({q(op + "Request")} request, CancellationToken cancellationToken = default);')
            iface.append('')
            bindings.append(f'        new({op}, typeof({q(op + "Request")}), typeof({q(op + "Response")}), r => {q(op + "Marshaller")}.Marshall(({q(op + "Request")})r), e => {q(op + "Marshaller")}.Unmarshall(e)),')
        op_lines.append('    /// <summary>Every operation above with its request type and marshallers (model conformance tests use this).</summary>')
        op_lines.append('    internal static readonly IReadOnlyList<AwsOperationBinding> Bindings =')
        op_lines.append('    [')
        op_lines.extend(bindings)
        op_lines.append('    ];')
        op_lines.append('}')
        for block in (client, iface):
            if block[-1] == '':
                block.pop()
            block.append('}')
        self.emit(f'{cfg["ops_class"]}.g.cs', '\n'.join(op_lines) + '\n')
        self.emit(f'{cfg["client"]}.Operations.g.cs', '\n'.join(client) + '\n')
        self.emit(f'{cfg["iface"]}.g.cs', '\n'.join(iface) + '\n')
        # paginators
        pag = {}
        if cfg.get('paginators'):
            pag = json.load(open(os.path.join(MODELS, cfg['paginators'])))['pagination']
        pag.update(cfg.get('extra_paginators', {}))
        pl = [self.header, 'using System.Runtime.CompilerServices;', '', f'namespace {cfg["client_ns"]};', '',
              f'/// <summary>Pagination helpers from the model\'s paginators: each yields every item of every page.</summary>',
              f'public static class {cfg["client"]}Paginators', '{']
        for op in cfg['ops']:
            p = pag.get(op)
            if not p or 'result_key' not in p or not isinstance(p['result_key'], str):
                continue
            out_member = ops[op]['output']['members'][p['result_key']]
            elem = cs_type(self.typed(out_member)['__elem'])
            elem_q = q(elem) if elem[0].isupper() and elem not in ('DateTimeOffset',) and '<' not in elem else elem
            pl.append(f'    public static async IAsyncEnumerable<{elem_q}> {op}AllAsync(this {cfg["iface"]} client, {q(op + "Request")} request, [EnumeratorCancellation] CancellationToken cancellationToken = default)')
            pl.append('    {')
            pl.append('        ArgumentNullException.ThrowIfNull(client);')
            pl.append('        ArgumentNullException.ThrowIfNull(request);')
            pl.append('        var seenTokens = new HashSet<string>(StringComparer.Ordinal);')
            pl.append('        while (true)')
            pl.append('        {')
            pl.append(f'            var page = await client.{op}Async(request, cancellationToken).ConfigureAwait(false);')
            pl.append(f'            foreach (var item in page.{pascal(p["result_key"])} ?? [])')
            pl.append('            {')
            pl.append('                yield return item;')
            pl.append('            }')
            pl.append('')
            pl.append(f'            if (string.IsNullOrEmpty(page.{p["output_token"]}))')
            pl.append('            {')
            pl.append('                yield break;')
            pl.append('            }')
            pl.append('')
            pl.append(f'            if (!seenTokens.Add(page.{p["output_token"]}))')
            pl.append('            {')
            pl.append(f'                throw new InvalidOperationException($"{op} returned the NextToken \'{{page.{p["output_token"]}}}\' twice; stopping instead of looping.");')
            pl.append('            }')
            pl.append('')
            pl.append(f'            request = request with {{ {p["input_token"]} = page.{p["output_token"]} }};')
            pl.append('        }')
            pl.append('    }')
            pl.append('')
        if pl[-1] == '':
            pl.pop()
        pl.append('}')
        self.emit(f'{cfg["client"]}Paginators.g.cs', '\n'.join(pl) + '\n')
        return self.files


def aws_sdk_version():
    manifest = os.path.join(AWS_SDK, 'package.json')
    if not os.path.isfile(manifest):
        sys.exit(f'the AWS service models (npm aws-sdk) are not installed at {AWS_SDK}; run: bash eng/install-tools.sh')
    return json.load(open(manifest))['version']


def main():
    global OUT
    parser = argparse.ArgumentParser(description='Generates the AWS clients of src/ContactOperator.Aws.')
    parser.add_argument('--out', help='write the generated files under this folder instead of src/ContactOperator.Aws')
    OUT = os.path.abspath(parser.parse_args().out or OUT)
    aws_sdk_version()
    all_files = {}
    for cfg in SERVICES:
        all_files.update(Generator(Service(cfg)).run())
    # remove stale generated files
    for path in glob.glob(os.path.join(OUT, '**', '*.g.cs'), recursive=True):
        if path not in all_files:
            os.remove(path)
    for path, text in all_files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)
    print(f'generated {len(all_files)} files')


if __name__ == '__main__':
    main()
