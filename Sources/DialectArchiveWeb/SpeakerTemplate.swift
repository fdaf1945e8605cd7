import Mustache

extension SpeakerPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.speaker}} {{id}}{{#name}} · {{name}}{{/name}}</h1>
        \(RecordPageRoute.historyLine)
        {{#restricted}}<p class="note restricted">{{t.restrictedSpeaker}}</p>{{/restricted}}
        <dl class="facts record">
        {{#role}}<dt>{{t.role}}</dt><dd>{{role}}</dd>{{/role}}
        {{#sex}}<dt>{{t.sex}}</dt><dd>{{sex}}</dd>{{/sex}}
        {{#birthYear}}<dt>{{t.birthYear}}</dt><dd>{{birthYear}}</dd>{{/birthYear}}
        {{#locality}}<dt>{{t.locality}}</dt><dd><a class="locality" href="{{link}}">{{name}}</a></dd>{{/locality}}
        {{#education}}<dt>{{t.education}}</dt><dd>{{education}}</dd>{{/education}}
        {{#occupation}}<dt>{{t.occupation}}</dt><dd>{{occupation}}</dd>{{/occupation}}
        {{#languages}}<dt>{{t.languages}}</dt><dd>{{languages}}</dd>{{/languages}}
        {{#consent}}<dt>{{t.consent}}</dt><dd>{{consent}}</dd>{{/consent}}
        <dt>{{t.json}}</dt><dd><a href="{{json}}">{{json}}</a></dd>
        </dl>
        <h2>{{t.sessions}}</h2>
        \(RecordPageRoute.sessionsTable)
        """)
}
