import Mustache

extension SearchPage {
    static let template = try! MustacheTemplate(string: """
        <form class="search" method="get" action="/search" role="search">
        <input id="q" name="q" type="search" value="{{form.q}}" placeholder="{{t.query}}" aria-label="{{t.search}}">
        <button type="submit">{{t.searchButton}}</button>
        <details class="filters"{{#filtersOpen}} open{{/filtersOpen}}>
        <summary>{{t.filters}}</summary>
        <div class="fields">
        <label>{{t.locality}} <input name="locality" value="{{form.locality}}"></label>
        <label>{{t.dialect}} <input name="dialect" value="{{form.dialect}}"></label>
        <label>{{t.speaker}} <input name="speaker" value="{{form.speaker}}"></label>
        <label>{{t.role}} <input name="role" value="{{form.role}}"></label>
        <label>{{t.sex}} <input name="sex" value="{{form.sex}}"></label>
        <label>{{t.born}} <input name="born" value="{{form.born}}"></label>
        <label>{{t.recorded}} <input name="recorded" value="{{form.recorded}}"></label>
        <label>{{t.content}} <input name="content" value="{{form.content}}"></label>
        <label>{{t.tier}} <input name="tier" value="{{form.tier}}"></label>
        <label>{{t.collection}} <input name="collection" value="{{form.collection}}"></label>
        <label>{{t.sort}} <select name="sort">{{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sorts}}</select></label>
        </div>
        </details>
        {{#hasPeers}}<label class="scope"><input type="checkbox" name="scope" value="network"{{#networkChecked}} checked{{/networkChecked}}> {{t.searchNetwork}}</label>{{/hasPeers}}
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#result}}
        {{#hasSelectedFilters}}<p class="selected-filters" id="selected-filters">{{t.narrowedBy}} {{#selectedFilters}}<a class="remove-filter" data-filter="{{name}}" href="{{remove}}" title="{{t.removeFilter}}">{{title}}: {{value}} ✕</a> {{/selectedFilters}}</p>{{/hasSelectedFilters}}
        <p class="total" id="total" data-total="{{total}}">{{total}} {{hitsWord}}{{#partial}} ({{t.showing}} {{first}}–{{last}}){{/partial}}</p>
        <audio id="span-player" preload="none"></audio>
        <ol class="hits" start="{{first}}">
        {{#hits}}
        <li class="hit">
        <div class="where"><span class="place">{{place}}</span> · <span class="who">{{who}}</span> ·
        {{#recordingLink}}<a class="in-recording" href="{{recordingLink}}" title="{{t.openRecording}}">{{file}} {{span}}</a>{{/recordingLink}}{{^recordingLink}}{{file}} {{span}}{{/recordingLink}}</div>
        <div class="lines">
        {{#audio}}<button type="button" class="play" data-audio="{{audio}}" data-start-ms="{{startMs}}" data-end-ms="{{endMs}}" data-pad-ms="{{padMs}}" aria-label="{{t.play}} {{span}}">▶</button>{{/audio}}
        <div class="tiers">
        <div class="tier main"><span class="tier-name">{{tier}}</span> <span class="text">{{#pieces}}{{#marked}}<mark>{{text}}</mark>{{/marked}}{{^marked}}{{text}}{{/marked}}{{/pieces}}</span></div>
        {{#parallel}}<div class="tier"><span class="tier-name">{{tier}}</span> <span class="text">{{text}}</span></div>{{/parallel}}
        </div>
        </div>
        </li>
        {{/hits}}
        </ol>
        {{^hits}}<p class="none">{{t.noHits}}</p>{{/hits}}
        <nav class="pages">{{#previous}}<a rel="prev" href="{{previous}}">← {{t.previous}}</a>{{/previous}} {{#next}}<a rel="next" href="{{next}}">{{t.next}} →</a>{{/next}}</nav>
        <div class="counts facets" id="facets">
        {{#facets}}<section class="facet" data-facet="{{name}}"><h2>{{title}}</h2><ul>{{#values}}<li>{{#link}}<a href="{{link}}">{{label}}</a>{{/link}}{{^link}}<span{{#selected}} class="selected"{{/selected}}>{{label}}</span>{{/link}} <span class="n">{{hits}}</span></li>{{/values}}</ul></section>{{/facets}}
        </div>
        {{/result}}
        {{#network}}
        <div class="network" id="network">
        {{#archives}}
        <section class="archive" data-archive="{{name}}" data-status="{{status}}">
        <h2><a href="{{url}}">{{name}}</a></h2>
        <p class="peer-status">{{statusLine}}</p>
        <ol class="hits">
        {{#hits}}<li class="hit"><span class="text">{{#pieces}}{{#marked}}<mark>{{text}}</mark>{{/marked}}{{^marked}}{{text}}{{/marked}}{{/pieces}}</span> · {{#link}}<a class="in-archive" href="{{link}}">{{t.playIn}} {{archive}}</a>{{/link}}{{^link}}{{archive}}{{/link}}</li>{{/hits}}
        </ol>
        </section>
        {{/archives}}
        </div>
        {{/network}}
        """)
}
