"""Checks the OAI-PMH endpoint of a running dialect-archive server from outside.

validate BASE_URL SCHEMAS: asks each verb, each error and each page of multi-page lists, and
validates every response against OAI-PMH.xsd, every olac record against olac.xsd, every oai_dc
element against dc.xsd and the oai-identifier description against oai-identifier.xsd.

harvest BASE_URL CLI ARCHIVE NEW_SESSIONS: harvests every record with sickle while an ingest
adds sessions, checks each arrives exactly once, then harvests incrementally (`from`) to get the
new sessions, withdraws one and checks that the next incremental harvest has it deleted.
"""
import copy
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

OAI = '{http://www.openarchives.org/OAI/2.0/}'
OLAC = '{http://www.language-archives.org/OLAC/1.1/}'
OAI_DC = '{http://www.openarchives.org/OAI/2.0/oai_dc/}'
IDENTIFIER = '{http://www.openarchives.org/OAI/2.0/oai-identifier}'
# The prefixes that xsi:type values use inside records; an element taken out of its document
# no longer carries the declarations.
PREFIXES = {'olac': OLAC[1:-1], 'dc': 'http://purl.org/dc/elements/1.1/', 'dcterms': 'http://purl.org/dc/terms/',
            'xsi': 'http://www.w3.org/2001/XMLSchema-instance'}


def get(base, query):
    with urllib.request.urlopen(base + '/oai?' + query) as answer:
        assert answer.status == 200, (query, answer.status)
        assert answer.headers['Content-Type'] == 'text/xml; charset=utf-8', answer.headers['Content-Type']
        return answer.read()


def validate(base, schemas):
    import xmlschema
    oai = xmlschema.XMLSchema(schemas + '/oai/OAI-PMH.xsd')
    olac = xmlschema.XMLSchema(schemas + '/olac/olac.xsd')
    dc = xmlschema.XMLSchema(schemas + '/olac/dc.xsd')
    identifier = xmlschema.XMLSchema(schemas + '/olac/oai-identifier.xsd')
    counts = {'responses': 0, 'olac': 0, 'oai_dc': 0, 'pages': 0}
    deleted = set()

    def check(query):
        text = get(base, query)
        root = ET.fromstring(text)
        oai.validate(root)
        counts['responses'] += 1
        for record in root.iter(OLAC + 'olac'):
            olac.validate(record, namespaces=PREFIXES)
            counts['olac'] += 1
        for record in root.iter(OAI_DC + 'dc'):
            for element in record:
                dc.validate(element, namespaces=PREFIXES)
            counts['oai_dc'] += 1
        for header in root.iter(OAI + 'header'):
            if header.get('status') == 'deleted':
                deleted.add(header.find(OAI + 'identifier').text)
        for description in root.iter(IDENTIFIER + 'oai-identifier'):
            identifier.validate(description)
            counts['identifier'] = 1
        return root

    # The validators can fail: a record header without its datestamp, an OLAC role outside the vocabulary.
    sample = ET.fromstring(get(base, 'verb=ListRecords&metadataPrefix=olac'))
    broken = copy.deepcopy(sample)
    header = next(broken.iter(OAI + 'header'))
    header.remove(header.find(OAI + 'datestamp'))
    assert not oai.is_valid(broken), 'OAI-PMH.xsd accepts a header without datestamp'
    record = copy.deepcopy(next(sample.iter(OLAC + 'olac')))
    role = next(e for e in record if e.get('{http://www.w3.org/2001/XMLSchema-instance}type') == 'olac:role')
    role.set(OLAC + 'code', 'bystander')
    assert not olac.is_valid(record, namespaces=PREFIXES), 'olac.xsd accepts the role bystander'

    root = check('verb=Identify')
    assert counts.get('identifier') == 1, 'Identify has no oai-identifier description'
    identifier_of_first = None
    for query in ['verb=ListMetadataFormats', 'verb=ListSets']:
        check(query)
    for prefix in ['olac', 'oai_dc']:
        for verb in ['ListRecords', 'ListIdentifiers']:
            query = 'verb=%s&metadataPrefix=%s' % (verb, prefix)
            while True:
                root = check(query)
                counts['pages'] += 1
                if identifier_of_first is None:
                    identifier_of_first = root.find('.//' + OAI + 'identifier').text
                token = root.find('.//' + OAI + 'resumptionToken')
                if token is None or not token.text:
                    break
                query = 'verb=%s&resumptionToken=%s' % (verb, urllib.parse.quote(token.text))
        check('verb=GetRecord&metadataPrefix=%s&identifier=%s' % (prefix, urllib.parse.quote(identifier_of_first)))
        check('verb=ListRecords&metadataPrefix=%s&set=language:yue' % prefix)
    check('verb=ListMetadataFormats&identifier=' + urllib.parse.quote(identifier_of_first))
    errors = {
        'badVerb': ['', 'verb=Harvest', 'verb=Identify&verb=ListSets'],
        'badArgument': ['verb=Identify&from=2024-01-01', 'verb=ListRecords', 'verb=ListRecords&metadataPrefix=olac&from=yesterday',
                        'verb=ListRecords&metadataPrefix=olac&resumptionToken=x'],
        'badResumptionToken': ['verb=ListRecords&resumptionToken=x', 'verb=ListSets&resumptionToken=x'],
        'cannotDisseminateFormat': ['verb=ListRecords&metadataPrefix=marc21',
                                    'verb=GetRecord&metadataPrefix=mods&identifier=' + urllib.parse.quote(identifier_of_first)],
        'idDoesNotExist': ['verb=GetRecord&metadataPrefix=olac&identifier=oai:nowhere.example:x',
                           'verb=ListMetadataFormats&identifier=oai:nowhere.example:x'],
        'noRecordsMatch': ['verb=ListIdentifiers&metadataPrefix=olac&from=2999-01-01', 'verb=ListRecords&metadataPrefix=olac&set=collection:none'],
    }
    for code, queries in errors.items():
        for query in queries:
            root = check(query)
            error = root.find(OAI + 'error')
            assert error is not None and error.get('code') == code, (query, ET.tostring(root))
    for identifier in sorted(deleted):
        root = check('verb=GetRecord&metadataPrefix=olac&identifier=' + urllib.parse.quote(identifier))
        assert root.find('.//' + OAI + 'metadata') is None, ET.tostring(root)
    print('valid', counts['responses'], 'responses', counts['pages'], 'pages', counts['olac'], 'olac', counts['oai_dc'], 'oai_dc',
          len(deleted), 'deleted')


def response_date(base):
    return ET.fromstring(get(base, 'verb=Identify')).find(OAI + 'responseDate').text


def harvest(base, cli, archive, new_sessions):
    from sickle import Sickle
    from sickle.oaiexceptions import NoRecordsMatch
    sickle = Sickle(base + '/oai', max_retries=0)
    posting = Sickle(base + '/oai', http_method='POST', max_retries=0)
    # The ingest that made the archive is a second behind, so that the incremental harvest below has the new sessions only.
    time.sleep(1.1)
    started = response_date(base)
    records = sickle.ListRecords(metadataPrefix='olac', ignore_deleted=False)
    seen, tokens = [], set()
    for record in records:
        seen.append(record.header.identifier)
        if records.resumption_token is not None and records.resumption_token.token:
            tokens.add(records.resumption_token.token)
        if len(seen) == 2:
            # An ingest adds sessions in the middle of the harvest.
            subprocess.run([cli, 'ingest', '--archive', archive, new_sessions], check=True, capture_output=True)
    assert len(seen) == len(set(seen)), 'a record came twice: %s' % seen
    assert len(tokens) > 3, 'only %d pages' % (len(tokens) + 1)
    assert not any(':new-' in identifier for identifier in seen), seen
    time.sleep(1.1)
    second = response_date(base)
    incremental = [r.header.identifier for r in posting.ListRecords(metadataPrefix='olac', ignore_deleted=False, **{'from': started})]
    assert sorted(i for i in incremental if ':new-' in i) == sorted(i for i in incremental), incremental
    assert len(incremental) == 3, incremental
    time.sleep(1.1)
    subprocess.run([cli, 'withdraw', '--archive', archive, 'gz-yufa', '--reason', 'consent withdrawn'], check=True, capture_output=True)
    deleted = [(h.identifier, h.deleted) for h in sickle.ListIdentifiers(metadataPrefix='olac', ignore_deleted=False, **{'from': second})]
    assert len(deleted) == 1 and deleted[0][0].endswith(':gz-yufa') and deleted[0][1], deleted
    try:
        list(sickle.ListIdentifiers(metadataPrefix='olac', **{'from': '2999-01-01'}))
        raise AssertionError('a harvest from the future found records')
    except NoRecordsMatch:
        pass
    print('harvested', len(seen), 'records once each in', len(tokens) + 1, 'pages; then', len(incremental), 'new; then', deleted[0][0], 'deleted')


if __name__ == '__main__':
    if sys.argv[1] == 'validate':
        validate(sys.argv[2], sys.argv[3])
    else:
        harvest(*sys.argv[2:6])
