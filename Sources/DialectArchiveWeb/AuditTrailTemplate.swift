import Mustache

extension AuditTrailPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.auditTrail}}</h1>
        {{#unbroken}}<p class="chain" id="chain-status">{{t.chainIntact}} {{events}} {{t.eventsWord}}</p>{{/unbroken}}
        {{#broken}}<p class="chain error" id="chain-status" role="alert">{{t.chainBroken}} {{id}} ({{kind}}, {{at}}): {{reason}}</p>{{/broken}}
        <form method="get" action="/log" class="log-filter">
        <label>{{t.eventKind}} <select name="kind" id="log-kind"><option value="">{{t.anyKind}}</option>{{#kinds}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/kinds}}</select></label>
        <label>{{t.eventUser}} <input name="user" id="log-user" value="{{user}}"></label>
        <button type="submit">{{t.showEvents}}</button>
        </form>
        <p class="total"><span id="event-total">{{total}}</span> {{t.eventsWord}}{{#showing}} · {{t.showing}} {{first}}–{{last}}{{/showing}}</p>
        <table class="records events"><tbody>
        <tr><th>#</th><th>{{t.eventWhen}}</th><th>{{t.eventKind}}</th><th>{{t.eventWho}}</th><th>{{t.eventWhat}}</th></tr>
        {{#events}}<tr class="event"><td>{{id}}</td><td>{{at}}</td><td>{{kind}}</td><td>{{user}}@{{host}}</td><td>{{summary}}<br><small class="command">{{t.eventCommand}}: {{arguments}}</small></td></tr>
        {{/events}}</tbody></table>
        {{^events}}<p>{{t.noEvents}}</p>{{/events}}
        <nav class="paging">{{#previous}}<a rel="prev" href="{{previous}}">{{t.previous}}</a>{{/previous}} {{#next}}<a rel="next" href="{{next}}">{{t.next}}</a>{{/next}}</nav>
        """)
}
