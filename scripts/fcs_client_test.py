"""Checks the CLARIN FCS endpoint of a running dialect-archive server from outside.

validate BASE_URL SCHEMAS: asks explain (SRU 2.0 and 1.2) and searchRetrieve (CQL and FCS-QL,
with the Advanced view, and with diagnostics); validates every endpoint description against
Endpoint-Description.xsd and every record against Resource.xsd with the Hits and Advanced data
view schemas, and checks each SRU envelope's structure against the specification's example
responses (the SRU envelope has no schema here): each element's path must be one the examples
have, with children in the examples' order.

sruthi BASE_URL QUERY: searches with sruthi (PyPI) over SRU 1.2, two records a page, and prints
the URL that plays each hit, one a line.
"""
import re
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

SRU20 = 'http://docs.oasis-open.org/ns/search-ws/sruResponse'
SRU12 = 'http://www.loc.gov/zing/srw/'
FCS = '{http://clarin.eu/fcs/resource}'
ED = '{http://clarin.eu/fcs/endpoint-description}'
HITS = '{http://clarin.eu/fcs/dataview/hits}'
ADV = '{http://clarin.eu/fcs/dataview/advanced}'
# The examples leave their prefixes undeclared; these are the namespaces the specification gives them.
EXAMPLE_NAMESPACES = {'sruResponse': SRU20, 'fcs': FCS[1:-1], 'hits': HITS[1:-1], 'adv': ADV[1:-1], 'ed': ED[1:-1],
                      'zr': 'http://explain.z3950.org/dtd/2.0/'}


def get(base, parameters):
    with urllib.request.urlopen(base + '/fcs?' + urllib.parse.urlencode(parameters)) as answer:
        assert answer.status == 200, (parameters, answer.status)
        assert answer.headers['Content-Type'].startswith('application/xml'), answer.headers['Content-Type']
        return ET.fromstring(answer.read())


def example(path):
    text = re.sub(r'<\?xml[^>]*\?>', '', open(path, encoding='utf-8').read()).strip()
    declarations = ' '.join('xmlns:%s="%s"' % item for item in EXAMPLE_NAMESPACES.items())
    text = re.sub(r'^<([\w:]+)', lambda m: '<%s %s' % (m.group(1), declarations), text, count=1)
    return ET.fromstring(text)


def local(tag):
    return tag.split('}')[-1]


def envelope_paths(root, namespace, paths=None, path=''):
    """Each envelope element's path with its children's names, down to the records' data."""
    paths = {} if paths is None else paths
    here = path + '/' + local(root.tag)
    children = [local(child.tag) for child in root if child.tag.startswith('{' + namespace + '}')]
    paths.setdefault(here, []).append(children)
    if local(root.tag) not in ('recordData', 'extraResponseData', 'echoedSearchRetrieveRequest', 'diagnostics'):
        for child in root:
            if child.tag.startswith('{' + namespace + '}'):
                envelope_paths(child, namespace, paths, here)
    return paths


def same_structure(answer, examples, namespace=SRU20):
    """Every path of the answer is in an example, its children in the example's order."""
    known = {}
    for model in examples:
        for path, lists in envelope_paths(model, SRU20).items():
            order = known.setdefault(path, [])
            for children in lists:
                for name in children:
                    if name not in order:
                        order.append(name)
    for path, lists in envelope_paths(answer, namespace).items():
        if path.endswith('/diagnostics'):
            continue
        assert path in known, 'the examples have no ' + path
        for children in lists:
            positions = [known[path].index(name) if name in known[path] else None for name in children]
            extra = [name for name, position in zip(children, positions) if position is None and name not in ('diagnostics',)]
            assert not extra, '%s has %s, which the examples do not' % (path, extra)
            ordered = [position for position in positions if position is not None]
            assert ordered == sorted(ordered), '%s has its children out of order: %s' % (path, children)


def validate(base, schemas):
    import xmlschema
    xml = {'http://www.w3.org/XML/1998/namespace': schemas + '/fcs/xml.xsd'}
    description = xmlschema.XMLSchema(schemas + '/fcs/Endpoint-Description.xsd', locations=xml)
    resource = xmlschema.XMLSchema([schemas + '/fcs/Resource.xsd', schemas + '/fcs/DataView-Hits.xsd',
                                    schemas + '/fcs/DataView-Advanced.xsd'], locations=xml)
    explain_example = example(schemas + '/fcs/example-op-explain-sru20-response.xml')
    search_examples = [example(schemas + '/fcs/example-op-searchretrieve-sru20-response.xml'),
                       example(schemas + '/fcs/example-op-searchretrieve-sru20-fcsql-response.xml')]
    counts = {'descriptions': 0, 'records': 0, 'hits': 0, 'advanced': 0, 'responses': 0}

    for version, namespace in (('2.0', SRU20), ('1.2', SRU12)):
        root = get(base, {'operation': 'explain', 'version': version, 'x-fcs-endpoint-description': 'true'})
        assert root.tag == '{%s}explainResponse' % namespace, root.tag
        if namespace == SRU20:
            same_structure(root, [explain_example])
        for element in root.iter(ED + 'EndpointDescription'):
            description.validate(element)
            counts['descriptions'] += 1
        counts['responses'] += 1

    searches = [{'query': '吃了'}, {'query': '"吃了" OR 月光', 'maximumRecords': '2', 'startRecord': '2'},
                {'query': '[text="吃"] [text="了"]', 'queryType': 'fcs', 'x-fcs-dataviews': 'adv'},
                {'query': '[phonetic="tʰɐu"]', 'queryType': 'fcs', 'x-fcs-dataviews': 'adv'},
                {'query': 'dc.title = x'}]
    for version, namespace in (('2.0', SRU20), ('1.2', SRU12)):
        for search in searches:
            root = get(base, dict(search, operation='searchRetrieve', version=version))
            assert root.tag == '{%s}searchRetrieveResponse' % namespace, root.tag
            if namespace == SRU20:
                same_structure(root, search_examples)
            for element in root.iter(FCS + 'Resource'):
                resource.validate(element)
                counts['records'] += 1
            counts['hits'] += sum(1 for _ in root.iter(HITS + 'Hit'))
            counts['advanced'] += sum(1 for _ in root.iter(ADV + 'Advanced'))
            uris = [element.text for element in root.iter() if local(element.tag) == 'uri']
            assert uris == (['info:srw/diagnostic/1/16'] if search['query'].startswith('dc.') else []), uris
            counts['responses'] += 1
    assert counts['descriptions'] == 2 and counts['records'] and counts['advanced'], counts
    print('%(responses)d responses, %(descriptions)d endpoint descriptions, %(records)d records, '
          '%(hits)d hits marked, %(advanced)d advanced views valid' % counts)


def find(value, key):
    if isinstance(value, dict):
        for name, inner in value.items():
            if name.split(':')[-1] == key and isinstance(inner, str):
                return inner
            found = find(inner, key)
            if found:
                return found
    if isinstance(value, list):
        for inner in value:
            found = find(inner, key)
            if found:
                return found
    return None


def with_sruthi(base, query):
    import sruthi
    client = sruthi.Client(base + '/fcs', maximum_records=2, sru_version='1.2')
    records = client.searchretrieve(query)
    refs = [find(record, 'ref') for record in records]
    assert len(refs) == records.count, (len(refs), records.count)
    print('\n'.join(refs))


if __name__ == '__main__':
    if sys.argv[1] == 'validate':
        validate(sys.argv[2], sys.argv[3])
    else:
        with_sruthi(sys.argv[2], sys.argv[3])
