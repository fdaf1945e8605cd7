import Mustache

extension HistoryPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.historyOf}} {{kindLabel}} <a href="{{recordLink}}">{{id}}</a></h1>
        <p><a href="{{json}}">{{t.json}}</a> · <a href="/log">{{t.auditTrail}}</a></p>
        {{#hasEntries}}<table class="records history"><tbody>
        <tr><th>{{t.eventWhen}}</th><th>{{t.eventWho}}</th><th>{{t.eventKind}}</th><th>{{t.eventWhat}}</th></tr>
        {{#entries}}<tr class="history-entry"><td>{{at}}</td><td>{{user}}</td><td>{{kind}}</td><td>{{summary}}{{#event}} ({{t.eventNumber}} {{event}}){{/event}}
        {{#reason}}<br>{{t.reason}}: {{reason}}{{/reason}}{{#source}}<br>{{t.source}}: {{source}}{{/source}}
        {{#hasFields}}<ul class="fields">{{#fields}}<li>{{field}}: {{before}} → {{after}}</li>{{/fields}}</ul>{{/hasFields}}
        {{#hasFiles}}<ul class="files">{{#files}}<li>{{outcome}}: {{path}}</li>{{/files}}</ul>{{/hasFiles}}</td></tr>
        {{/entries}}</tbody></table>{{/hasEntries}}
        {{^hasEntries}}<p>{{t.noHistory}}</p>{{/hasEntries}}
        """)
}
