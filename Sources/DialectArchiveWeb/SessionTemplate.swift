import Mustache

extension SessionPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.session}} {{id}}{{#title}} · {{title}}{{/title}}</h1>
        \(RecordPageRoute.historyLine)
        {{#withdrawn}}<p class="error">{{t.withdrawn}} {{withdrawn}}</p>{{/withdrawn}}
        <dl class="facts record">
        {{#date}}<dt>{{t.date}}</dt><dd>{{date}}</dd>{{/date}}
        {{#locality}}<dt>{{t.locality}}</dt><dd><a class="locality" href="{{link}}">{{name}}</a> · {{classification}}</dd>{{/locality}}
        <dt>{{t.collection}}</dt><dd><a class="collection" href="{{collectionLink}}">{{collection}}</a></dd>
        {{#content}}<dt>{{t.contentType}}</dt><dd>{{content}}</dd>{{/content}}
        {{#recorder}}<dt>{{t.recorder}}</dt><dd>{{recorder}}</dd>{{/recorder}}
        {{#keywords}}<dt>{{t.keywords}}</dt><dd>{{keywords}}</dd>{{/keywords}}
        {{#description}}<dt>{{t.description}}</dt><dd>{{description}}</dd>{{/description}}
        <dt>{{t.access}}</dt><dd>{{access}}</dd>
        <dt>{{t.json}}</dt><dd><a href="{{json}}">{{json}}</a></dd>
        </dl>
        <h2>{{t.participants}}</h2>
        <ul class="participants">{{#participants}}<li><span class="role">{{role}}</span> {{#link}}<a class="speaker" href="{{link}}">{{label}}</a>{{/link}}{{^link}}{{label}}{{/link}}</li>{{/participants}}</ul>
        <h2>{{t.recordings}}</h2>
        {{#hasRecordings}}<table class="records"><tbody>
        {{#recordings}}<tr><td><a class="recording" href="{{link}}">{{number}} · {{name}}</a></td><td>{{length}}</td><td>{{format}}</td></tr>{{/recordings}}
        </tbody></table>{{/hasRecordings}}
        {{^hasRecordings}}<p>{{t.noSessions}}</p>{{/hasRecordings}}
        """)
}
