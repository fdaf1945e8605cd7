"""Compares dialect-archive's FCS endpoint with the Python reference endpoint, element by element.

fcs_reference_compare.py ARCHIVE_URL: starts the reference endpoint (fcs-simple-endpoint with
fcs-sru-server, PyPI) on loopback, describing the same resources and returning the same hits as
the dialect-archive server at ARCHIVE_URL (it asks that server and writes what it finds with the
reference's own writers), sends both the same requests, and prints each difference in
structure: an element or attribute one has and the other does not, or children in another order.
Texts and attribute values are not compared (the hits are the same by construction).
"""
import sys
import threading
import urllib.parse
import urllib.request
import wsgiref.simple_server
import xml.etree.ElementTree as ET

from clarin.sru.fcs.server.search import (DataView, Layer, ResourceInfo, SimpleEndpointDescription,
                                          SimpleEndpointSearchEngineBase)
from clarin.sru.fcs.xml.writer import AdvancedDataViewWriter, FCSRecordXMLStreamWriter, SpanOffsetUnit
from clarin.sru.exception import SRUException
from clarin.sru.server.config import SRUServerConfigKey
from clarin.sru.server.result import SRUSearchResultSet
from clarin.sru.server.wsgi import SRUServerApp

ED = '{http://clarin.eu/fcs/endpoint-description}'
FCS = '{http://clarin.eu/fcs/resource}'
HITS = '{http://clarin.eu/fcs/dataview/hits}'
ADV = '{http://clarin.eu/fcs/dataview/advanced}'
ARCHIVE = sys.argv[1] if len(sys.argv) > 1 else ''

CONFIG = b'''<?xml version="1.0" encoding="UTF-8"?>
<endpoint-config xmlns="http://www.clarin.eu/sru-server/1.0/">
  <databaseInfo>
    <title xml:lang="zh">\xe6\x96\xb9\xe8\xa8\x80\xe5\xbd\x95\xe9\x9f\xb3\xe6\xa1\xa3\xe6\xa1\x88</title>
    <title xml:lang="en" primary="true">Dialect recordings archive</title>
  </databaseInfo>
  <indexInfo>
    <set name="fcs" identifier="http://clarin.eu/fcs/resource">
      <title xml:lang="en" primary="true">CLARIN Content Search</title>
    </set>
    <index search="true" scan="false" sort="false">
      <title xml:lang="en" primary="true">Words</title>
      <map primary="true"><name set="fcs">words</name></map>
    </index>
  </indexInfo>
  <schemaInfo>
    <schema identifier="http://clarin.eu/fcs/resource" name="fcs" sort="false" retrieve="true">
      <title xml:lang="en" primary="true">CLARIN Content Search</title>
    </schema>
  </schemaInfo>
</endpoint-config>
'''


def get(base, parameters):
    with urllib.request.urlopen(base + '/fcs?' + urllib.parse.urlencode(parameters)) as answer:
        body = answer.read()
        return ET.fromstring(body) if body else None


class Hits(SRUSearchResultSet):
    """The records of dialect-archive's answer, written again with the reference's writers."""

    def __init__(self, diagnostics, root):
        super().__init__(diagnostics)
        self.total = int(root.find('{*}numberOfRecords').text)
        self.resources = list(root.iter(FCS + 'Resource'))
        self.index = -1

    def get_total_record_count(self):
        return self.total

    def get_record_count(self):
        return len(self.resources)

    def get_record_schema_identifier(self):
        return 'http://clarin.eu/fcs/resource'

    def next_record(self):
        self.index += 1
        return self.index < len(self.resources)

    def get_record_identifier(self):
        return None

    def get_surrogate_diagnostic(self):
        return None

    def has_extra_record_data(self):
        return False

    def write_record(self, writer):
        resource = self.resources[self.index]
        result = resource.find('.//' + HITS + 'Result')
        text, hits = result.text or '', []
        for hit in result:
            hits.append((len(text), len(text) + len(hit.text)))
            text += hit.text + (hit.tail or '')
        advanced = resource.find('.//' + ADV + 'Advanced')
        FCSRecordXMLStreamWriter.startResource(writer, pid=None, ref=resource.get('ref'))
        FCSRecordXMLStreamWriter.startResourceFragment(writer, pid=None, ref=resource.get('ref'))
        FCSRecordXMLStreamWriter.writeHitsDataView(writer, text, hits, False)
        if advanced is not None:
            segments = {s.get('id'): s for s in advanced.iter(ADV + 'Segment')}
            view = AdvancedDataViewWriter(SpanOffsetUnit.TIMESTAMP)
            for layer in advanced.iter(ADV + 'Layer'):
                for span in layer:
                    segment = segments[span.get('ref')]
                    start, end = (int(round(sum(float(part) * 60 ** index for index, part in enumerate(reversed(segment.get(name).split(':')))) * 1000))
                                  for name in ('start', 'end'))
                    view.addSpan(layer.get('id'), start, end, span.text, highlight=1 if span.get('highlight') else -1)
            view.writeAdvancedDataView(writer)
        FCSRecordXMLStreamWriter.endResourceFragment(writer)
        FCSRecordXMLStreamWriter.endResource(writer)


class Reference(SimpleEndpointSearchEngineBase):
    def do_init(self, config, builder, params):
        pass

    def create_EndpointDescription(self, config, builder, params):
        root = get(ARCHIVE, {'operation': 'explain', 'x-fcs-endpoint-description': 'true'})
        views = [DataView(identifier=v.get('id'), mimetype=v.text, deliveryPolicy=DataView.DeliveryPolicy(v.get('delivery-policy')))
                 for v in root.iter(ED + 'SupportedDataView')]
        layers = [Layer(id=l.get('id'), result_id=l.get('result-id'), type=l.text, encoding=Layer.ContentEncoding.VALUE)
                  for l in root.iter(ED + 'SupportedLayer')]
        resources = [ResourceInfo(pid=r.get('pid'), title={t.get('{http://www.w3.org/XML/1998/namespace}lang'): t.text for t in r.iter(ED + 'Title')},
                                  description={d.get('{http://www.w3.org/XML/1998/namespace}lang'): d.text for d in r.iter(ED + 'Description')},
                                  landing_page_uri=r.find(ED + 'LandingPageURI').text,
                                  languages=[language.text for language in r.iter(ED + 'Language')],
                                  available_DataViews=views, available_Layers=layers)
                     for r in root.iter(ED + 'Resource')]
        capabilities = [c.text for c in root.iter(ED + 'Capability')]
        return SimpleEndpointDescription(2, capabilities, views, layers, resources, False)

    def search(self, config, request, diagnostics):
        query = request.get_query()
        parameters = {'operation': 'searchRetrieve', 'query': query.raw_query, 'queryType': request.get_query_type() or 'cql',
                      'startRecord': request.get_start_record(), 'maximumRecords': request.get_maximum_records()}
        for name in request.get_extra_request_data_names():
            parameters[name] = request.get_extra_request_data(name)
        answer = get(ARCHIVE, parameters)
        # dialect-archive's diagnostics, which the reference answers as its own: fatal without
        # records, else beside them
        for diagnostic in answer.findall('.//{*}diagnostic'):
            found = (diagnostic.find('{*}uri').text, getattr(diagnostic.find('{*}details'), 'text', None), diagnostic.find('{*}message').text)
            if answer.find('{*}records') is None:
                raise SRUException(*found)
            diagnostics.add_diagnostic(*found)
        return Hits(diagnostics, answer)


def start_reference():
    params = {SRUServerConfigKey.SRU_TRANSPORT: 'http', SRUServerConfigKey.SRU_HOST: '127.0.0.1',
              SRUServerConfigKey.SRU_PORT: '80', SRUServerConfigKey.SRU_DATABASE: 'fcs'}
    import io
    app = SRUServerApp(Reference, io.BytesIO(CONFIG), params)
    server = wsgiref.simple_server.make_server('127.0.0.1', 0, app, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return 'http://127.0.0.1:%d' % server.server_port


class Quiet(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *arguments):
        pass


PREFIXES = {'http://docs.oasis-open.org/ns/search-ws/sruResponse': 'sru', 'http://www.loc.gov/zing/srw/': 'sru',
            'http://docs.oasis-open.org/ns/search-ws/diagnostic': 'diag', 'http://www.loc.gov/zing/srw/diagnostic/': 'diag',
            'http://www.loc.gov/zing/cql/xcql/': 'xcql', 'http://docs.oasis-open.org/ns/search-ws/xcql': 'xcql', 'http://explain.z3950.org/dtd/2.0/': 'zr', ED[1:-1]: 'ed',
            FCS[1:-1]: 'fcs', HITS[1:-1]: 'hits', ADV[1:-1]: 'adv', 'http://www.w3.org/XML/1998/namespace': 'xml'}


def short(tag):
    if tag.startswith('{'):
        namespace, name = tag[1:].split('}')
        return PREFIXES.get(namespace, namespace) + ':' + name
    return tag


def structure(element, path=''):
    here = path + '/' + short(element.tag)
    yield here, tuple(sorted(short(name) for name in element.attrib)), tuple(short(child.tag) for child in element)
    for child in element:
        yield from structure(child, here)


def compare(name, ours, theirs):
    if theirs is None:
        print('== %s: the reference answers with status 200 and an empty body' % name)
        return
    mine, reference = {}, {}
    for table, root in ((mine, ours), (reference, theirs)):
        for path, attributes, children in structure(root):
            entry = table.setdefault(path, [set(), []])
            entry[0].update(attributes)
            if children not in entry[1]:
                entry[1].append(children)
    differences = []
    for path in sorted(set(mine) | set(reference)):
        if path not in reference:
            differences.append('only dialect-archive has %s' % path)
        elif path not in mine:
            differences.append('only the reference has %s' % path)
        else:
            for attribute in sorted(mine[path][0] ^ reference[path][0]):
                who = 'dialect-archive' if attribute in mine[path][0] else 'the reference'
                differences.append('only %s gives %s the attribute %s' % (who, path, attribute))
    print('== %s: %d differences' % (name, len(differences)))
    for difference in differences:
        print('  ' + difference)


if __name__ == '__main__':
    # The reference logs each exception it answers; its answers are what is compared.
    import logging
    logging.disable(logging.CRITICAL)
    reference = start_reference()
    requests = [('explain with endpoint description', {'operation': 'explain', 'x-fcs-endpoint-description': 'true'}),
                ('searchRetrieve CQL', {'operation': 'searchRetrieve', 'query': '头 OR 光', 'maximumRecords': '2'}),
                ('searchRetrieve FCS-QL with Advanced view', {'operation': 'searchRetrieve', 'queryType': 'fcs',
                                                              'query': '[phonetic="tʰɐu"]', 'x-fcs-dataviews': 'adv'}),
                ('searchRetrieve SRU 1.2', {'operation': 'searchRetrieve', 'version': '1.2', 'query': '头', 'maximumRecords': '1'}),
                ('unsupported index', {'operation': 'searchRetrieve', 'query': 'dc.title = 头'})]
    for name, parameters in requests:
        compare(name, get(ARCHIVE, parameters), get(reference, parameters))
